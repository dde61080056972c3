package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SAM DefinitionSubstitutions: every {@code ${Name}} in a string (value or field name) of the
 * definition is replaced by the mapped value. An unknown name is an error, never left in place.
 */
final class Substitutions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private Substitutions() {}

    static JsonNode apply(JsonNode node, Map<String, String> values) {
        return apply(node, values, "");
    }

    private static JsonNode apply(JsonNode node, Map<String, String> values, String pointer) {
        if (node.isTextual()) {
            String replaced = replace(node.textValue(), values, pointer);
            return replaced.equals(node.textValue()) ? node : AslJson.NODES.textNode(replaced);
        }
        if (node.isObject()) {
            ObjectNode out = AslJson.object();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String childPointer = pointer + "/" + e.getKey();
                String key = replace(e.getKey(), values, childPointer);
                if (out.has(key)) {
                    throw new InvalidDefinitionException(null, childPointer,
                            "substitution makes field name '" + key + "' appear twice");
                }
                out.set(key, apply(e.getValue(), values, childPointer));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = AslJson.NODES.arrayNode();
            int i = 0;
            for (JsonNode item : node) {
                out.add(apply(item, values, pointer + "/" + i++));
            }
            return out;
        }
        return node;
    }

    private static String replace(String text, Map<String, String> values, String pointer) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new InvalidDefinitionException(null, pointer.isEmpty() ? "/" : pointer,
                        "unknown substitution placeholder ${" + name + "} (known: "
                                + (values.isEmpty() ? "none" : String.join(", ", new TreeSet<>(values.keySet())))
                                + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
