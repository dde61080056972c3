package dev.gleaner.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The Step Functions intrinsic functions (JSONPath states): parsing of {@code States.Xxx(...)}
 * calls with string ('...' with \' \{ \} \\ escapes), number, boolean and null literals, paths
 * and nested calls; and their evaluation.
 */
final class Intrinsics {
    private Intrinsics() {}

    /** Why an intrinsic text was refused. */
    static final class ParseException extends Exception {
        final boolean unsupported;

        ParseException(String message, boolean unsupported) {
            super(message);
            this.unsupported = unsupported;
        }
    }

    /** Arity of each supported function: {min, max} (max -1 = variadic). */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, -1}),
            Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}),
            Map.entry("States.Array", new int[] {0, -1}),
            Map.entry("States.ArrayPartition", new int[] {2, 2}),
            Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}),
            Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayLength", new int[] {1, 1}),
            Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.Base64Encode", new int[] {1, 1}),
            Map.entry("States.Base64Decode", new int[] {1, 1}),
            Map.entry("States.Hash", new int[] {2, 2}),
            Map.entry("States.JsonMerge", new int[] {3, 3}),
            Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.StringSplit", new int[] {2, 2}),
            Map.entry("States.UUID", new int[] {0, 0}));

    /** Most nested calls Step Functions accepts in one field. */
    private static final int MAX_DEPTH = 10;
    private static final int MAX_RANGE_ITEMS = 1000;

    static boolean looksLikeCall(String text) {
        return text != null && text.startsWith("States.");
    }

    static ValueExpr parse(String text) throws ParseException {
        Parser p = new Parser(text);
        Call call = p.call(1);
        p.skipSpaces();
        if (p.pos != text.length()) {
            throw new ParseException("unexpected text after the intrinsic call at position " + p.pos + " of '"
                    + text + "'", false);
        }
        return call;
    }

    private record Literal(JsonNode value) implements ValueExpr {
        @Override
        public JsonNode evaluate(JsonNode input, EvalContext ctx) {
            return value;
        }
    }

    /** A quoted string; keeps the {} placeholders (unescaped braces) for States.Format templates. */
    private record StringLiteral(String value, List<String> formatParts) implements ValueExpr {
        @Override
        public JsonNode evaluate(JsonNode input, EvalContext ctx) {
            return AslJson.NODES.textNode(value);
        }
    }

    private record Call(String name, List<ValueExpr> args) implements ValueExpr {
        @Override
        public JsonNode evaluate(JsonNode input, EvalContext ctx) {
            List<JsonNode> values = new ArrayList<>(args.size());
            for (ValueExpr a : args) {
                values.add(a.evaluate(input, ctx));
            }
            return apply(this, values, ctx);
        }
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        ParseException error(String what) {
            return new ParseException(what + " at position " + pos + " of '" + s + "'", false);
        }

        Call call(int depth) throws ParseException {
            if (depth > MAX_DEPTH) {
                throw new ParseException("more than " + MAX_DEPTH + " nested intrinsic functions in '" + s + "'",
                        false);
            }
            int start = pos;
            if (!s.startsWith("States.", pos)) {
                throw error("expected an intrinsic function 'States.<Name>('");
            }
            pos += "States.".length();
            while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                pos++;
            }
            String name = s.substring(start, pos);
            skipSpaces();
            if (pos >= s.length() || s.charAt(pos) != '(') {
                throw error("expected '(' after " + name);
            }
            int[] arity = ARITY.get(name);
            if (arity == null) {
                throw new ParseException("intrinsic function " + name + " is not supported", true);
            }
            pos++;
            List<ValueExpr> args = new ArrayList<>();
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) == ')') {
                pos++;
            } else {
                while (true) {
                    args.add(argument(depth));
                    skipSpaces();
                    if (pos >= s.length()) {
                        throw error("unterminated argument list of " + name);
                    }
                    char c = s.charAt(pos);
                    pos++;
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        pos--;
                        throw error("expected ',' or ')' in the arguments of " + name);
                    }
                }
            }
            if (args.size() < arity[0] || (arity[1] >= 0 && args.size() > arity[1])) {
                String expected = arity[1] < 0 ? "at least " + arity[0]
                        : arity[0] == arity[1] ? String.valueOf(arity[0]) : arity[0] + " to " + arity[1];
                throw new ParseException(name + " takes " + expected + " argument(s), got " + args.size() + " in '"
                        + s + "'", false);
            }
            if (name.equals("States.JsonMerge") && args.get(2) instanceof Literal l && l.value().isBoolean()
                    && l.value().booleanValue()) {
                throw new ParseException("States.JsonMerge deep merge (true) is not supported by Step Functions;"
                        + " use false", true);
            }
            return new Call(name, List.copyOf(args));
        }

        ValueExpr argument(int depth) throws ParseException {
            skipSpaces();
            if (pos >= s.length()) {
                throw error("missing argument");
            }
            char c = s.charAt(pos);
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                return path();
            }
            if (c == '-' || Character.isDigit(c)) {
                return number();
            }
            if (s.startsWith("States.", pos)) {
                return call(depth + 1);
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, pos) && !continuesIdentifier(pos + word.length())) {
                    pos += word.length();
                    return new Literal(word.equals("null") ? AslJson.NODES.nullNode()
                            : AslJson.NODES.booleanNode(word.equals("true")));
                }
            }
            throw error("unexpected argument");
        }

        boolean continuesIdentifier(int at) {
            return at < s.length() && Character.isLetterOrDigit(s.charAt(at));
        }

        StringLiteral string() throws ParseException {
            pos++; // opening quote
            StringBuilder value = new StringBuilder();
            List<String> parts = new ArrayList<>();
            StringBuilder part = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string literal");
                }
                char c = s.charAt(pos);
                if (c == '\\') {
                    if (pos + 1 >= s.length()) {
                        throw error("open escape '\\'");
                    }
                    char e = s.charAt(pos + 1);
                    if (e != '\'' && e != '{' && e != '}' && e != '\\') {
                        throw error("invalid escape '\\" + e + "' (only \\' \\{ \\} \\\\ are allowed)");
                    }
                    value.append(e);
                    part.append(e);
                    pos += 2;
                } else if (c == '\'') {
                    pos++;
                    break;
                } else if (c == '{' && pos + 1 < s.length() && s.charAt(pos + 1) == '}') {
                    value.append("{}");
                    parts.add(part.toString());
                    part.setLength(0);
                    pos += 2;
                } else {
                    value.append(c);
                    part.append(c);
                    pos++;
                }
            }
            parts.add(part.toString());
            return new StringLiteral(value.toString(), List.copyOf(parts));
        }

        Path path() throws ParseException {
            int start = pos;
            int depth = 0;
            char quote = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (quote != 0) {
                    if (c == '\\') {
                        pos++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    if (depth == 0) {
                        break;
                    }
                    quote = c;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                    break;
                }
                pos++;
            }
            String text = s.substring(start, pos);
            try {
                return Path.parse(text);
            } catch (Path.PathException e) {
                throw new ParseException("path argument: " + e.getMessage(), e.unsupported);
            }
        }

        Literal number() throws ParseException {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || ".eE+-".indexOf(s.charAt(pos)) >= 0)) {
                pos++;
            }
            String text = s.substring(start, pos);
            if (!text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                pos = start;
                throw error("malformed number '" + text + "'");
            }
            return new Literal(Intrinsics.number(new BigDecimal(text)));
        }
    }

    static JsonNode number(BigDecimal d) {
        if (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0) {
            try {
                long l = d.longValueExact();
                return l == (int) l ? AslJson.NODES.numberNode((int) l) : AslJson.NODES.numberNode(l);
            } catch (ArithmeticException tooBig) {
                return AslJson.NODES.numberNode(d);
            }
        }
        return AslJson.NODES.numberNode(d);
    }

    // ---- evaluation ----

    private static StatesError fail(Call call, String message) {
        return StatesError.runtime("Intrinsic function " + call.name() + ": " + message);
    }

    private static String string(Call call, List<JsonNode> args, int i) {
        JsonNode n = args.get(i);
        if (!n.isTextual()) {
            throw fail(call, "argument " + (i + 1) + " must be a string, got " + AslJson.typeName(n));
        }
        return n.textValue();
    }

    private static ArrayNode array(Call call, List<JsonNode> args, int i) {
        JsonNode n = args.get(i);
        if (!n.isArray()) {
            throw fail(call, "argument " + (i + 1) + " must be an array, got " + AslJson.typeName(n));
        }
        return (ArrayNode) n;
    }

    private static long integer(Call call, List<JsonNode> args, int i) {
        JsonNode n = args.get(i);
        if (n.isNumber()) {
            try {
                return n.decimalValue().longValueExact();
            } catch (ArithmeticException notIntegral) {
                // falls through to the error below
            }
        }
        throw fail(call, "argument " + (i + 1) + " must be an integer, got " + AslJson.abbreviate(n, 60));
    }

    private static JsonNode apply(Call call, List<JsonNode> args, EvalContext ctx) {
        switch (call.name()) {
            case "States.Format":
                return format(call, args);
            case "States.StringToJson": {
                String text = string(call, args, 0);
                try {
                    JsonNode parsed = AslJson.DATA.readTree(text);
                    if (parsed == null || parsed.isMissingNode()) {
                        throw fail(call, "the string is empty");
                    }
                    return parsed;
                } catch (JsonProcessingException e) {
                    throw fail(call, "the string is not valid JSON: " + e.getOriginalMessage());
                }
            }
            case "States.JsonToString":
                return AslJson.NODES.textNode(AslJson.compact(args.get(0)));
            case "States.Array": {
                ArrayNode out = AslJson.NODES.arrayNode();
                args.forEach(out::add);
                return out;
            }
            case "States.ArrayPartition": {
                ArrayNode in = array(call, args, 0);
                long size = integer(call, args, 1);
                if (size < 1) {
                    throw fail(call, "the chunk size must be a positive integer, got " + size);
                }
                ArrayNode out = AslJson.NODES.arrayNode();
                ArrayNode chunk = null;
                for (int i = 0; i < in.size(); i++) {
                    if (i % size == 0) {
                        chunk = out.addArray();
                    }
                    chunk.add(in.get(i));
                }
                return out;
            }
            case "States.ArrayContains": {
                ArrayNode in = array(call, args, 0);
                for (JsonNode item : in) {
                    if (AslJson.sameValue(item, args.get(1))) {
                        return AslJson.NODES.booleanNode(true);
                    }
                }
                return AslJson.NODES.booleanNode(false);
            }
            case "States.ArrayRange": {
                long start = integer(call, args, 0);
                long end = integer(call, args, 1);
                long step = integer(call, args, 2);
                if (step == 0) {
                    throw fail(call, "the step must not be 0");
                }
                ArrayNode out = AslJson.NODES.arrayNode();
                for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
                    if (out.size() == MAX_RANGE_ITEMS) {
                        throw fail(call, "the range has more than " + MAX_RANGE_ITEMS + " items");
                    }
                    out.add(number(BigDecimal.valueOf(v)));
                }
                return out;
            }
            case "States.ArrayGetItem": {
                ArrayNode in = array(call, args, 0);
                long index = integer(call, args, 1);
                if (index < 0 || index >= in.size()) {
                    throw fail(call, "index " + index + " is out of bounds for an array of " + in.size() + " items");
                }
                return in.get((int) index);
            }
            case "States.ArrayLength":
                return AslJson.NODES.numberNode(array(call, args, 0).size());
            case "States.ArrayUnique": {
                ArrayNode in = array(call, args, 0);
                ArrayNode out = AslJson.NODES.arrayNode();
                for (JsonNode item : in) {
                    boolean seen = false;
                    for (JsonNode kept : out) {
                        if (AslJson.sameValue(kept, item)) {
                            seen = true;
                            break;
                        }
                    }
                    if (!seen) {
                        out.add(item);
                    }
                }
                return out;
            }
            case "States.Base64Encode":
                return AslJson.NODES.textNode(Base64.getEncoder()
                        .encodeToString(string(call, args, 0).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode": {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(string(call, args, 0));
                } catch (IllegalArgumentException e) {
                    throw fail(call, "the string is not valid Base64");
                }
                try {
                    return AslJson.NODES.textNode(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString());
                } catch (CharacterCodingException e) {
                    throw fail(call, "the decoded bytes are not UTF-8 text");
                }
            }
            case "States.Hash":
                return hash(call, args);
            case "States.JsonMerge": {
                JsonNode a = args.get(0);
                JsonNode b = args.get(1);
                JsonNode deep = args.get(2);
                if (!a.isObject() || !b.isObject()) {
                    throw fail(call, "both values must be objects, got " + AslJson.typeName(a) + " and "
                            + AslJson.typeName(b));
                }
                if (!deep.isBoolean()) {
                    throw fail(call, "argument 3 must be a boolean, got " + AslJson.typeName(deep));
                }
                if (deep.booleanValue()) {
                    throw fail(call, "deep merge (true) is not supported; use false");
                }
                ObjectNode out = ((ObjectNode) a).deepCopy();
                out.setAll((ObjectNode) b);
                return out;
            }
            case "States.MathAdd": {
                long x = integer(call, args, 0);
                long y = integer(call, args, 1);
                if (x != (int) x || y != (int) y) {
                    throw fail(call, "arguments must be between -2147483648 and 2147483647");
                }
                return number(BigDecimal.valueOf(x + y));
            }
            case "States.StringSplit":
                return split(string(call, args, 0), string(call, args, 1));
            case "States.UUID":
                return AslJson.NODES.textNode(uuid(ctx.random()).toString());
            default:
                throw new IllegalStateException("no implementation for " + call.name());
        }
    }

    private static JsonNode format(Call call, List<JsonNode> args) {
        List<String> parts;
        if (call.args().get(0) instanceof StringLiteral lit) {
            parts = lit.formatParts();
        } else {
            // A template read from a path has no escapes: every {} is a placeholder.
            parts = List.of(string(call, args, 0).split("\\{}", -1));
        }
        int placeholders = parts.size() - 1;
        if (placeholders != args.size() - 1) {
            throw fail(call, "the template has " + placeholders + " {} placeholder(s) but " + (args.size() - 1)
                    + " value(s) were given");
        }
        StringBuilder out = new StringBuilder(parts.get(0));
        for (int i = 1; i < args.size(); i++) {
            JsonNode v = args.get(i);
            if (v.isTextual()) {
                out.append(v.textValue());
            } else if (v.isNumber() || v.isBoolean() || v.isNull()) {
                out.append(AslJson.compact(v));
            } else {
                throw fail(call, "argument " + (i + 1) + " must be a string, number, boolean or null, got "
                        + AslJson.typeName(v));
            }
            out.append(parts.get(i));
        }
        return AslJson.NODES.textNode(out.toString());
    }

    /** Every character of the delimiter string separates (AWS: "This.is+a,test=string" split on ".+,="). */
    static JsonNode split(String text, String delimiters) {
        ArrayNode out = AslJson.NODES.arrayNode();
        if (text.isEmpty()) {
            return out;
        }
        if (delimiters.isEmpty()) {
            out.add(text);
            return out;
        }
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (delimiters.indexOf(c) >= 0) {
                out.add(token.toString());
                token.setLength(0);
            } else {
                token.append(c);
            }
        }
        out.add(token.toString());
        return out;
    }

    private static JsonNode hash(Call call, List<JsonNode> args) {
        String data = string(call, args, 0);
        String algorithm = string(call, args, 1);
        String jdkName = switch (algorithm) {
            case "MD5" -> "MD5";
            case "SHA-1" -> "SHA-1";
            case "SHA-256" -> "SHA-256";
            case "SHA-384" -> "SHA-384";
            case "SHA-512" -> "SHA-512";
            default -> throw fail(call, "algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got '"
                    + algorithm + "'");
        };
        try {
            byte[] digest = MessageDigest.getInstance(jdkName).digest(data.getBytes(StandardCharsets.UTF_8));
            return AslJson.NODES.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jdkName + " is missing from this JDK", e);
        }
    }

    /** A version-4 UUID from the executor's (seedable) randomness. */
    static UUID uuid(Random random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong());
    }
}
