package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled Parameters / ResultSelector / ItemSelector: a JSON object whose fields named
 * {@code xxx.$} take their value from a path ({@code $...}, {@code $$...}) or an intrinsic call,
 * at any depth (inside nested objects and arrays too). Everything else is copied as written.
 */
final class PayloadTemplate {

    /** A definition problem found while compiling, with the JSON path of the offending field. */
    static final class TemplateException extends Exception {
        final String field;
        final boolean unsupported;

        TemplateException(String field, String message, boolean unsupported) {
            super(message);
            this.field = field;
            this.unsupported = unsupported;
        }
    }

    private sealed interface Node permits Constant, Obj, Arr, Dynamic {}

    private record Constant(JsonNode value) implements Node {}

    private record Entry(String name, Node value) {}

    private record Obj(List<Entry> entries) implements Node {}

    private record Arr(List<Node> items) implements Node {}

    private record Dynamic(String fieldName, String expression, ValueExpr expr) implements Node {}

    private final String fieldName;
    private final Node root;

    private PayloadTemplate(String fieldName, Node root) {
        this.fieldName = fieldName;
        this.root = root;
    }

    /** @param fieldName the state field holding the template (for messages) */
    static PayloadTemplate compile(String fieldName, JsonNode template) throws TemplateException {
        if (!template.isObject()) {
            throw new TemplateException(fieldName, "must be a JSON object, got " + AslJson.typeName(template), false);
        }
        return new PayloadTemplate(fieldName, compileNode(fieldName, template));
    }

    private static Node compileNode(String where, JsonNode node) throws TemplateException {
        if (node.isObject()) {
            List<Entry> entries = new ArrayList<>();
            Set<String> names = new HashSet<>();
            boolean dynamic = false;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                String childWhere = where + "." + key;
                Node value;
                String name;
                if (key.endsWith(".$")) {
                    name = key.substring(0, key.length() - 2);
                    value = compileExpression(childWhere, key, e.getValue());
                } else {
                    name = key;
                    value = compileNode(childWhere, e.getValue());
                }
                if (!names.add(name)) {
                    throw new TemplateException(childWhere, "field '" + name + "' is defined twice (with and without"
                            + " the '.$' suffix)", false);
                }
                dynamic |= !(value instanceof Constant);
                entries.add(new Entry(name, value));
            }
            return dynamic ? new Obj(List.copyOf(entries)) : new Constant(node);
        }
        if (node.isArray()) {
            List<Node> items = new ArrayList<>();
            boolean dynamic = false;
            int i = 0;
            for (JsonNode item : node) {
                Node compiled = compileNode(where + "[" + i++ + "]", item);
                dynamic |= !(compiled instanceof Constant);
                items.add(compiled);
            }
            return dynamic ? new Arr(List.copyOf(items)) : new Constant(node);
        }
        return new Constant(node);
    }

    private static Node compileExpression(String where, String key, JsonNode value) throws TemplateException {
        if (!value.isTextual()) {
            throw new TemplateException(where, "the value of '" + key + "' must be a string holding a path or an"
                    + " intrinsic function, got " + AslJson.typeName(value), false);
        }
        String text = value.textValue().strip();
        try {
            if (text.startsWith("$")) {
                return new Dynamic(key, text, Path.parse(text));
            }
            if (Intrinsics.looksLikeCall(text)) {
                return new Dynamic(key, text, Intrinsics.parse(text));
            }
        } catch (Path.PathException e) {
            throw new TemplateException(where, e.getMessage(), e.unsupported);
        } catch (Intrinsics.ParseException e) {
            throw new TemplateException(where, e.getMessage(), e.unsupported);
        }
        throw new TemplateException(where, "the value of '" + key + "' must be a path starting with '$' or an"
                + " intrinsic function 'States.<Name>(...)', got '" + text + "'", false);
    }

    /** Builds the payload. Missing paths and failing intrinsics raise States.Runtime. */
    JsonNode evaluate(JsonNode input, EvalContext ctx) {
        return evaluate(root, input, ctx);
    }

    private JsonNode evaluate(Node node, JsonNode input, EvalContext ctx) {
        if (node instanceof Constant c) {
            return c.value();
        }
        if (node instanceof Obj o) {
            ObjectNode out = AslJson.object();
            for (Entry e : o.entries()) {
                out.set(e.name(), evaluate(e.value(), input, ctx));
            }
            return out;
        }
        if (node instanceof Arr a) {
            ArrayNode out = AslJson.NODES.arrayNode();
            for (Node item : a.items()) {
                out.add(evaluate(item, input, ctx));
            }
            return out;
        }
        Dynamic d = (Dynamic) node;
        if (d.expr() instanceof Path p) {
            JsonNode found = p.find(input, ctx);
            if (found == null) {
                throw StatesError.runtime("An error occurred while executing the state '" + ctx.stateName()
                        + "'. The JSONPath '" + p.text() + "' specified for the field '" + d.fieldName() + "' in "
                        + fieldName + " could not be found in the " + (p.isContext() ? "context object" : "input"));
            }
            return found;
        }
        try {
            return d.expr().evaluate(input, ctx);
        } catch (StatesError e) {
            throw StatesError.runtime("An error occurred while executing the state '" + ctx.stateName()
                    + "'. The function '" + d.expression() + "' for the field '" + d.fieldName() + "' in "
                    + fieldName + " failed: " + e.cause());
        }
    }
}
