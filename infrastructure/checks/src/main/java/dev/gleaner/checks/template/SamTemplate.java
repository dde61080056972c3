package dev.gleaner.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A SAM template as written (intrinsics unevaluated), with the lookups the checks need. */
public final class SamTemplate {
    public static final String FUNCTION = "AWS::Serverless::Function";

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        if (!root.path("Resources").isObject()) {
            throw new IllegalArgumentException("not a template: no Resources");
        }
        this.root = root;
    }

    public static SamTemplate load(Path file) throws IOException {
        return new SamTemplate(CfnYaml.read(file));
    }

    public static SamTemplate of(JsonNode root) {
        return new SamTemplate(root);
    }

    public JsonNode root() {
        return root;
    }

    public JsonNode resources() {
        return root.path("Resources");
    }

    public JsonNode resource(String id) {
        JsonNode r = resources().get(id);
        if (r == null) {
            throw new IllegalArgumentException("no resource " + id + " in the template");
        }
        return r;
    }

    public String type(String id) {
        return resource(id).path("Type").asText();
    }

    /** Logical id to resource, for one type, in template order. */
    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (type.equals(e.getValue().path("Type").asText())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Parameter name to Default (null when it has none). */
    public Map<String, String> parameterDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("Parameters").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode d = e.getValue().get("Default");
            out.put(e.getKey(), d == null ? null : d.asText());
        }
        return out;
    }

    /**
     * A function's properties as SAM deploys them: {@code Globals.Function} first, the function's
     * own on top (maps merged key by key, lists added, scalars replaced), as SAM documents it.
     */
    public JsonNode functionProperties(String id) {
        JsonNode r = resource(id);
        if (!FUNCTION.equals(r.path("Type").asText())) {
            throw new IllegalArgumentException(id + " is not an " + FUNCTION);
        }
        return merge(root.path("Globals").path("Function"), r.path("Properties"));
    }

    /** Logical ids of every SAM function, in template order. */
    public Iterable<String> functionIds() {
        return resourcesOfType(FUNCTION).keySet();
    }

    static JsonNode merge(JsonNode global, JsonNode local) {
        if (global == null || global.isMissingNode()) {
            return local.deepCopy();
        }
        if (local == null || local.isMissingNode()) {
            return global.deepCopy();
        }
        if (global.isObject() && local.isObject() && !isIntrinsic(local) && !isIntrinsic(global)) {
            ObjectNode out = global.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = local.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), merge(global.get(e.getKey()), e.getValue()));
            }
            return out;
        }
        if (global.isArray() && local.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            out.addAll((ArrayNode) global.deepCopy());
            out.addAll((ArrayNode) local.deepCopy());
            return out;
        }
        return local.deepCopy();
    }

    static boolean isIntrinsic(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String k = node.fieldNames().next();
        return k.equals("Ref") || k.startsWith("Fn::");
    }
}
