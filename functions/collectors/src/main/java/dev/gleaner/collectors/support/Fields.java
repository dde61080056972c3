package dev.gleaner.collectors.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gleaner.collectors.SourceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * Reading source JSON defensively. Required values that are missing or of the wrong type become a
 * {@link SourceException} naming the source and the field; optional values that are odd become
 * null. Paths are dotted ({@code pagination.has_next}); labels for list items use {@code data[].id}.
 */
public final class Fields {
    private final String source;

    public Fields(String source) {
        this.source = source;
    }

    /** The node at a dotted path, or a missing node. */
    public static JsonNode at(JsonNode root, String path) {
        JsonNode n = root == null ? MissingNode.getInstance() : root;
        for (String part : path.split("\\.")) {
            if (n == null || !n.isObject()) {
                return MissingNode.getInstance();
            }
            n = n.path(part);
        }
        return n == null ? MissingNode.getInstance() : n;
    }

    public static boolean present(JsonNode n) {
        return n != null && !n.isMissingNode() && !n.isNull();
    }

    public JsonNode required(JsonNode root, String path, String label) throws SourceException {
        JsonNode n = at(root, path);
        if (!present(n)) {
            throw SourceException.missingField(source, label);
        }
        return n;
    }

    public JsonNode required(JsonNode root, String path) throws SourceException {
        return required(root, path, path);
    }

    public ArrayNode array(JsonNode root, String path) throws SourceException {
        return array(root, path, path);
    }

    public ArrayNode array(JsonNode root, String path, String label) throws SourceException {
        return (ArrayNode) typed(root, path, label, JsonNode::isArray, "an array");
    }

    public JsonNode object(JsonNode root, String path) throws SourceException {
        return object(root, path, path);
    }

    public JsonNode object(JsonNode root, String path, String label) throws SourceException {
        return typed(root, path, label, JsonNode::isObject, "an object");
    }

    public boolean bool(JsonNode root, String path) throws SourceException {
        return typed(root, path, path, JsonNode::isBoolean, "a boolean").booleanValue();
    }

    /** The required value at {@code path} when {@code is} accepts it; else a wrong-type error saying it should be {@code what}. */
    private JsonNode typed(JsonNode root, String path, String label, Predicate<JsonNode> is, String what) throws SourceException {
        JsonNode n = required(root, path, label);
        if (!is.test(n)) {
            throw SourceException.wrongType(source, label, what, n);
        }
        return n;
    }

    /** A list item (must be an object). */
    public JsonNode item(JsonNode n, String label) throws SourceException {
        if (n == null || !n.isObject()) {
            throw SourceException.wrongType(source, label, "an object", n);
        }
        return n;
    }

    /** An id: an integral number or a non-blank string, returned as text. */
    public String id(JsonNode item, String field, String label) throws SourceException {
        JsonNode n = required(item, field, label);
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        if (n.isTextual() && !n.textValue().isBlank()) {
            return n.textValue().trim();
        }
        throw SourceException.wrongType(source, label, "a number or a string id", n);
    }

    /** A required string. */
    public String string(JsonNode item, String field, String label) throws SourceException {
        return typed(item, field, label, JsonNode::isTextual, "a string").textValue();
    }

    // ---- optional values ----

    /** Text (numbers as their text), or null when missing, null, blank or structured. */
    public static String text(JsonNode root, String path) {
        JsonNode n = at(root, path);
        if (n.isTextual()) {
            String t = n.textValue().trim();
            return t.isEmpty() ? null : t;
        }
        if (n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        return null;
    }

    /** A whole number from a number or a numeric string, else null. */
    public static Long longValue(JsonNode root, String path) {
        JsonNode n = at(root, path);
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            BigDecimal d = n.decimalValue();
            try {
                return d.setScale(0, RoundingMode.DOWN).longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (n.isTextual()) {
            String t = n.textValue().trim().replace(",", "");
            if (t.matches("-?\\d{1,18}")) {
                return Long.parseLong(t);
            }
        }
        return null;
    }

    public static Integer intValue(JsonNode root, String path) {
        Long l = longValue(root, path);
        return l == null || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE ? null : l.intValue();
    }

    public static Double doubleValue(JsonNode root, String path) {
        JsonNode n = at(root, path);
        if (n.isNumber()) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (n.isTextual()) {
            String t = n.textValue().trim();
            if (t.matches("-?\\d{1,9}(\\.\\d{1,9})?")) {
                return Double.parseDouble(t);
            }
        }
        return null;
    }

    /** True for {@code true}, a non-zero number, or "true"/"Y"/"1". */
    public static boolean truthy(JsonNode root, String path) {
        JsonNode n = at(root, path);
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.doubleValue() != 0;
        }
        if (n.isTextual()) {
            String t = n.textValue().trim();
            return t.equalsIgnoreCase("true") || t.equalsIgnoreCase("y") || t.equals("1");
        }
        return false;
    }
}
