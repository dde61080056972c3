package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset Step Functions calls a Reference Path: {@code $}, {@code $.a.b},
 * {@code $.a[0]}, {@code $['key']}, and the context object {@code $$...}. Wildcards, deep scans,
 * filters, slices and unions are refused (they select several nodes).
 */
final class Path implements ValueExpr {

    /** Why a path text was refused. {@code unsupported} separates valid-but-unsupported JSONPath. */
    static final class PathException extends Exception {
        final boolean unsupported;

        PathException(String message, boolean unsupported) {
            super(message);
            this.unsupported = unsupported;
        }
    }

    private sealed interface Segment permits Field, Index {}

    private record Field(String name) implements Segment {}

    private record Index(int index) implements Segment {}

    private final String text;
    private final boolean context;
    private final List<Segment> segments;

    private Path(String text, boolean context, List<Segment> segments) {
        this.text = text;
        this.context = context;
        this.segments = List.copyOf(segments);
    }

    String text() {
        return text;
    }

    boolean isContext() {
        return context;
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    static Path parse(String text) throws PathException {
        if (text == null || !text.startsWith("$")) {
            throw new PathException("a path must start with '$', got '" + text + "'", false);
        }
        boolean context = text.startsWith("$$");
        int i = context ? 2 : 1;
        List<Segment> segments = new ArrayList<>();
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                i++;
                if (i < n && text.charAt(i) == '.') {
                    throw new PathException("deep scan '..' in '" + text + "' is not supported", true);
                }
                int start = i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                String name = text.substring(start, i);
                if (name.isEmpty()) {
                    throw new PathException("empty field name in '" + text + "'", false);
                }
                if (name.equals("*")) {
                    throw new PathException("wildcard in '" + text + "' is not supported", true);
                }
                for (int k = 0; k < name.length(); k++) {
                    char d = name.charAt(k);
                    if (d == '*' || d == '?' || d == '@' || d == '(' || d == ')' || d == '\'' || d == '"'
                            || d == ']' || d == ',' || Character.isWhitespace(d)) {
                        throw new PathException("character '" + d + "' in field name '" + name + "' of '" + text
                                + "' (use the $['...'] form)", false);
                    }
                }
                segments.add(new Field(name));
            } else if (c == '[') {
                i++;
                if (i >= n) {
                    throw new PathException("unterminated '[' in '" + text + "'", false);
                }
                char d = text.charAt(i);
                if (d == '\'' || d == '"') {
                    StringBuilder name = new StringBuilder();
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char e = text.charAt(i);
                        if (e == '\\' && i + 1 < n) {
                            name.append(text.charAt(i + 1));
                            i += 2;
                        } else if (e == d) {
                            closed = true;
                            i++;
                            break;
                        } else {
                            name.append(e);
                            i++;
                        }
                    }
                    if (!closed || i >= n || text.charAt(i) != ']') {
                        throw new PathException("unterminated quoted name in '" + text + "'", false);
                    }
                    i++;
                    segments.add(new Field(name.toString()));
                } else if (Character.isDigit(d)) {
                    int start = i;
                    while (i < n && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                    if (i >= n || text.charAt(i) != ']') {
                        if (i < n && (text.charAt(i) == ':' || text.charAt(i) == ',')) {
                            throw new PathException("slices and unions in '" + text + "' are not supported", true);
                        }
                        throw new PathException("malformed index in '" + text + "'", false);
                    }
                    int index;
                    try {
                        index = Integer.parseInt(text.substring(start, i));
                    } catch (NumberFormatException ex) {
                        throw new PathException("index too large in '" + text + "'", false);
                    }
                    i++;
                    segments.add(new Index(index));
                } else if (d == '*') {
                    throw new PathException("wildcard in '" + text + "' is not supported", true);
                } else if (d == '?' || d == '(') {
                    throw new PathException("filter and script expressions in '" + text + "' are not supported",
                            true);
                } else if (d == '-' || d == ':') {
                    throw new PathException("negative indexes and slices in '" + text + "' are not supported", true);
                } else {
                    throw new PathException("malformed bracket in '" + text + "'", false);
                }
            } else {
                throw new PathException("unexpected character '" + c + "' at position " + i + " of '" + text + "'",
                        false);
            }
        }
        return new Path(text, context, segments);
    }

    /** The selected node, or null when nothing matches. */
    JsonNode find(JsonNode input, EvalContext ctx) {
        JsonNode node = context ? ctx.contextObject() : input;
        for (Segment s : segments) {
            if (node == null) {
                return null;
            }
            if (s instanceof Field f) {
                node = node.isObject() ? node.get(f.name()) : null;
            } else {
                int idx = ((Index) s).index();
                node = node.isArray() && idx < node.size() ? node.get(idx) : null;
            }
        }
        return node;
    }

    /** As a ValueExpr (intrinsic argument, template value): a missing match is a States.Runtime error. */
    @Override
    public JsonNode evaluate(JsonNode input, EvalContext ctx) {
        JsonNode found = find(input, ctx);
        if (found == null) {
            throw StatesError.runtime("The JSONPath '" + text + "' could not be found in the "
                    + (context ? "context object" : "input"));
        }
        return found;
    }

    /**
     * Returns a copy of {@code target} with {@code value} placed at this path (a ResultPath),
     * creating missing objects on the way.
     */
    JsonNode setInto(JsonNode target, JsonNode value) {
        if (segments.isEmpty()) {
            return value;
        }
        if (target == null || !target.isContainerNode()) {
            throw StatesError.runtime("Unable to apply ResultPath '" + text + "' to an input of type "
                    + AslJson.typeName(target));
        }
        JsonNode root = target.deepCopy();
        JsonNode node = root;
        for (int k = 0; k < segments.size(); k++) {
            Segment s = segments.get(k);
            boolean last = k == segments.size() - 1;
            if (s instanceof Field f) {
                if (!(node instanceof ObjectNode obj)) {
                    throw StatesError.runtime("Unable to apply ResultPath '" + text + "': field '" + f.name()
                            + "' is set on a value of type " + AslJson.typeName(node));
                }
                if (last) {
                    obj.set(f.name(), value);
                } else {
                    JsonNode child = obj.get(f.name());
                    if (child == null || child.isNull()) {
                        child = obj.putObject(f.name());
                    }
                    node = child;
                }
            } else {
                int idx = ((Index) s).index();
                if (!(node instanceof ArrayNode arr) || idx >= arr.size()) {
                    throw StatesError.runtime("Unable to apply ResultPath '" + text + "': index " + idx
                            + " does not exist");
                }
                if (last) {
                    arr.set(idx, value);
                } else {
                    node = arr.get(idx);
                }
            }
        }
        return root;
    }
}
