package dev.gleaner.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions the way a deployment would, given what each
 * resource's {@code Ref} and {@code Fn::GetAtt} stand for ({@link Bindings}), the parameter values
 * and the pseudo parameters. {@code AWS::NoValue} removes the property or list item it stands in,
 * as CloudFormation does. Anything it cannot evaluate is an error, never silently kept.
 */
public final class Intrinsics {
    /** What resources stand for in this deployment (names, ARNs, URLs). */
    public interface Bindings {
        String ref(String logicalId);

        String getAtt(String logicalId, String attribute);
    }

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    public static final String PARTITION = "aws";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]*)}");

    private final SamTemplate template;
    private final Map<String, String> parameters;
    private final Map<String, String> pseudo;
    private final Bindings bindings;
    private final Map<String, Boolean> conditionCache = new HashMap<>();

    /**
     * @param overrides parameter values given at deploy time; the others take their Default
     */
    public Intrinsics(SamTemplate template, Map<String, String> overrides, String stackName, Bindings bindings) {
        this.template = template;
        this.bindings = bindings;
        this.parameters = new LinkedHashMap<>(template.parameterDefaults());
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!template.root().path("Parameters").has(e.getKey())) {
                throw new IllegalArgumentException("no parameter " + e.getKey() + " in the template");
            }
            parameters.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has no Default and no value");
            }
        }
        this.pseudo = Map.of("AWS::Region", REGION, "AWS::AccountId", ACCOUNT, "AWS::Partition", PARTITION,
                "AWS::URLSuffix", "amazonaws.com", "AWS::StackName", stackName,
                "AWS::StackId", "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + stackName + "/0");
    }

    public String parameter(String name) {
        String v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return v;
    }

    public boolean condition(String name) {
        Boolean cached = conditionCache.get(name);
        if (cached != null) {
            return cached;
        }
        JsonNode def = template.root().path("Conditions").get(name);
        if (def == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        JsonNode v = resolve(def);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("condition " + name + " is not a boolean: " + v);
        }
        conditionCache.put(name, v.booleanValue());
        return v.booleanValue();
    }

    /** The value with every intrinsic evaluated; {@link MissingNode} when it is {@code AWS::NoValue}. */
    public JsonNode resolve(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return MissingNode.getInstance();
        }
        if (node.isArray()) {
            ArrayNode out = F.arrayNode();
            for (JsonNode item : node) {
                JsonNode r = resolve(item);
                if (!r.isMissingNode()) {
                    out.add(r);
                }
            }
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            // {"Condition": "Name"} alone is a condition reference (an Fn::And/Or/Not operand).
            if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition") && node.get(key).isTextual()) {
                return function(key, node.get(key));
            }
        }
        ObjectNode out = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = resolve(e.getValue());
            if (!r.isMissingNode()) {
                out.set(e.getKey(), r);
            }
        }
        return out;
    }

    /** Text of a value that must resolve to a string. */
    public String text(JsonNode node) {
        JsonNode r = resolve(node);
        if (!r.isValueNode()) {
            throw new IllegalArgumentException("expected a string, got " + r);
        }
        return r.asText();
    }

    private JsonNode function(String name, JsonNode arg) {
        switch (name) {
            case "Ref": {
                String id = arg.asText();
                if (id.equals("AWS::NoValue")) {
                    return MissingNode.getInstance();
                }
                if (pseudo.containsKey(id)) {
                    return TextNode.valueOf(pseudo.get(id));
                }
                if (parameters.containsKey(id)) {
                    return TextNode.valueOf(parameters.get(id));
                }
                requireResource(id, "Ref");
                return TextNode.valueOf(bindings.ref(id));
            }
            case "Condition":
                return BooleanNode.valueOf(condition(arg.asText()));
            case "Fn::GetAtt": {
                JsonNode a = resolve(arg);
                String id = a.get(0).asText();
                String attribute = a.get(1).asText();
                requireResource(id, "Fn::GetAtt");
                return TextNode.valueOf(bindings.getAtt(id, attribute));
            }
            case "Fn::Sub":
                return TextNode.valueOf(sub(arg));
            case "Fn::Join": {
                String delimiter = arg.get(0).asText();
                StringBuilder sb = new StringBuilder();
                JsonNode items = resolve(arg.get(1));
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        sb.append(delimiter);
                    }
                    sb.append(items.get(i).asText());
                }
                return TextNode.valueOf(sb.toString());
            }
            case "Fn::Select": {
                int index = Integer.parseInt(resolve(arg.get(0)).asText());
                JsonNode list = resolve(arg.get(1));
                if (index < 0 || index >= list.size()) {
                    throw new IllegalArgumentException("Fn::Select index " + index + " out of " + list);
                }
                return list.get(index);
            }
            case "Fn::Split": {
                String delimiter = arg.get(0).asText();
                String text = text(arg.get(1));
                ArrayNode out = F.arrayNode();
                for (String part : text.split(Pattern.quote(delimiter), -1)) {
                    out.add(part);
                }
                return out;
            }
            case "Fn::If": {
                boolean c = condition(arg.get(0).asText());
                return resolve(c ? arg.get(1) : arg.get(2));
            }
            case "Fn::Equals":
                return BooleanNode.valueOf(resolve(arg.get(0)).asText().equals(resolve(arg.get(1)).asText()));
            case "Fn::Not":
                return BooleanNode.valueOf(!bool(arg.get(0)));
            case "Fn::And": {
                boolean all = true;
                for (JsonNode c : arg) {
                    all &= bool(c);
                }
                return BooleanNode.valueOf(all);
            }
            case "Fn::Or": {
                boolean any = false;
                for (JsonNode c : arg) {
                    any |= bool(c);
                }
                return BooleanNode.valueOf(any);
            }
            case "Fn::FindInMap": {
                JsonNode v = template.root().path("Mappings").path(text(arg.get(0))).path(text(arg.get(1)))
                        .path(text(arg.get(2)));
                if (v.isMissingNode()) {
                    throw new IllegalArgumentException("Fn::FindInMap found nothing for " + arg);
                }
                return v;
            }
            case "Fn::ToJsonString": {
                try {
                    return TextNode.valueOf(JSON.writeValueAsString(resolve(arg)));
                } catch (Exception e) {
                    throw new IllegalArgumentException("Fn::ToJsonString failed: " + e.getMessage(), e);
                }
            }
            case "Fn::Base64":
                return TextNode.valueOf(Base64.getEncoder().encodeToString(text(arg).getBytes(
                        StandardCharsets.UTF_8)));
            case "Fn::Length":
                return F.numberNode(resolve(arg).size());
            default:
                throw new IllegalArgumentException(name + " is not supported by this evaluator");
        }
    }

    private boolean bool(JsonNode node) {
        JsonNode v = resolve(node);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("expected a condition, got " + v);
        }
        return v.booleanValue();
    }

    private void requireResource(String id, String function) {
        // SAM lets "MyApi.ApiKey", "MyApi.Stage", "MyFunction.Alias" name resources it generates.
        String base = id.contains(".") ? id.substring(0, id.indexOf('.')) : id;
        if (!template.resources().has(base)) {
            throw new IllegalArgumentException(function + " names '" + id + "', which is neither a parameter nor a resource");
        }
    }

    private String sub(JsonNode arg) {
        String text;
        Map<String, String> vars = new HashMap<>();
        if (arg.isTextual()) {
            text = arg.asText();
        } else {
            text = arg.get(0).asText();
            for (Iterator<Map.Entry<String, JsonNode>> it = arg.get(1).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                vars.put(e.getKey(), text(e.getValue()));
            }
        }
        Matcher m = SUB_VAR.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String var = m.group(1);
            String value;
            if (var.startsWith("!")) {
                value = "${" + var.substring(1) + "}"; // ${!Literal} is written as ${Literal}
            } else if (vars.containsKey(var)) {
                value = vars.get(var);
            } else if (pseudo.containsKey(var) || parameters.containsKey(var) || template.resources().has(var)) {
                value = function("Ref", TextNode.valueOf(var)).asText();
            } else if (var.contains(".")) {
                int dot = var.indexOf('.');
                ArrayNode ga = F.arrayNode().add(var.substring(0, dot)).add(var.substring(dot + 1));
                value = function("Fn::GetAtt", ga).asText();
            } else {
                throw new IllegalArgumentException("Fn::Sub variable ${" + var + "} is not defined");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
