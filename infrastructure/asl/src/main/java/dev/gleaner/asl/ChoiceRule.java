package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A compiled Choice rule (JSONPath flavour): And / Or / Not, or one comparison of a Variable
 * with a literal or with another path ({@code ...Path} operators), or a type test.
 * A Variable (or a ...Path value) that does not exist is a States.Runtime error, except for
 * IsPresent; a value of the wrong type makes the comparison false.
 */
abstract sealed class ChoiceRule {

    abstract boolean test(JsonNode input, EvalContext ctx);

    private enum Kind { STRING, NUMERIC, BOOLEAN, TIMESTAMP, MATCHES, IS_NULL, IS_PRESENT, IS_NUMERIC, IS_STRING,
        IS_BOOLEAN, IS_TIMESTAMP }

    private enum Cmp { EQ, LT, GT, LE, GE }

    private record Operator(Kind kind, Cmp cmp, boolean path) {}

    private static final Map<String, Operator> OPERATORS = operators();

    private static Map<String, Operator> operators() {
        Map<String, Operator> ops = new HashMap<>();
        String[][] families = {{"String", "STRING"}, {"Numeric", "NUMERIC"}, {"Timestamp", "TIMESTAMP"}};
        String[][] cmps = {{"Equals", "EQ"}, {"LessThan", "LT"}, {"GreaterThan", "GT"}, {"LessThanEquals", "LE"},
            {"GreaterThanEquals", "GE"}};
        for (String[] f : families) {
            for (String[] c : cmps) {
                Kind k = Kind.valueOf(f[1]);
                Cmp cmp = Cmp.valueOf(c[1]);
                ops.put(f[0] + c[0], new Operator(k, cmp, false));
                ops.put(f[0] + c[0] + "Path", new Operator(k, cmp, true));
            }
        }
        ops.put("BooleanEquals", new Operator(Kind.BOOLEAN, Cmp.EQ, false));
        ops.put("BooleanEqualsPath", new Operator(Kind.BOOLEAN, Cmp.EQ, true));
        ops.put("StringMatches", new Operator(Kind.MATCHES, Cmp.EQ, false));
        ops.put("IsNull", new Operator(Kind.IS_NULL, Cmp.EQ, false));
        ops.put("IsPresent", new Operator(Kind.IS_PRESENT, Cmp.EQ, false));
        ops.put("IsNumeric", new Operator(Kind.IS_NUMERIC, Cmp.EQ, false));
        ops.put("IsString", new Operator(Kind.IS_STRING, Cmp.EQ, false));
        ops.put("IsBoolean", new Operator(Kind.IS_BOOLEAN, Cmp.EQ, false));
        ops.put("IsTimestamp", new Operator(Kind.IS_TIMESTAMP, Cmp.EQ, false));
        return Map.copyOf(ops);
    }

    /**
     * @param rule the rule object
     * @param topLevel whether this is an element of Choices (which carries Next) or a nested rule
     * @param where the rule's location for messages, e.g. {@code Choices[0].And[1]}
     */
    static ChoiceRule compile(JsonNode rule, boolean topLevel, String stateName, String where) {
        if (!rule.isObject()) {
            throw new InvalidDefinitionException(stateName, where, "a choice rule must be an object");
        }
        if (rule.has("Condition")) {
            throw new UnsupportedFeatureException(stateName, where + ".Condition",
                    "JSONata choice conditions are not supported (JSONPath only)");
        }
        if (rule.has("Assign")) {
            throw new UnsupportedFeatureException(stateName, where + ".Assign",
                    "workflow variables (Assign) are not supported");
        }
        if (!topLevel && rule.has("Next")) {
            throw new InvalidDefinitionException(stateName, where + ".Next",
                    "only top-level choice rules may have Next");
        }
        List<String> operators = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : rule.properties()) {
            String key = e.getKey();
            if (key.equals("Next") || key.equals("Variable") || key.equals("Comment")) {
                continue;
            }
            if (key.equals("And") || key.equals("Or") || key.equals("Not") || OPERATORS.containsKey(key)) {
                operators.add(key);
            } else {
                throw new UnsupportedFeatureException(stateName, where + "." + key,
                        "unknown choice rule field '" + key + "'");
            }
        }
        if (operators.size() != 1) {
            throw new InvalidDefinitionException(stateName, where, "a choice rule needs exactly one operator, found "
                    + (operators.isEmpty() ? "none" : String.join(", ", operators)));
        }
        String op = operators.get(0);
        JsonNode value = rule.get(op);
        if (op.equals("And") || op.equals("Or")) {
            if (rule.has("Variable")) {
                throw new InvalidDefinitionException(stateName, where + ".Variable", op + " rules take no Variable");
            }
            if (!value.isArray() || value.isEmpty()) {
                throw new InvalidDefinitionException(stateName, where + "." + op, "must be a non-empty array of rules");
            }
            List<ChoiceRule> rules = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                rules.add(compile(value.get(i), false, stateName, where + "." + op + "[" + i + "]"));
            }
            return new Logical(op.equals("And"), List.copyOf(rules));
        }
        if (op.equals("Not")) {
            if (rule.has("Variable")) {
                throw new InvalidDefinitionException(stateName, where + ".Variable", "Not rules take no Variable");
            }
            return new Not(compile(value, false, stateName, where + ".Not"));
        }
        JsonNode variableNode = rule.get("Variable");
        if (variableNode == null || !variableNode.isTextual()) {
            throw new InvalidDefinitionException(stateName, where + ".Variable",
                    "a comparison needs a Variable path string");
        }
        Path variable = path(variableNode.textValue(), stateName, where + ".Variable");
        Operator operator = OPERATORS.get(op);
        String opWhere = where + "." + op;
        if (operator.path()) {
            if (!value.isTextual()) {
                throw new InvalidDefinitionException(stateName, opWhere, "must be a path string");
            }
            return new Comparison(variable, op, operator, null, path(value.textValue(), stateName, opWhere), null);
        }
        switch (operator.kind()) {
            case STRING:
                requireType(value.isTextual(), stateName, opWhere, "a string");
                break;
            case NUMERIC:
                requireType(value.isNumber(), stateName, opWhere, "a number");
                break;
            case BOOLEAN:
            case IS_NULL:
            case IS_PRESENT:
            case IS_NUMERIC:
            case IS_STRING:
            case IS_BOOLEAN:
            case IS_TIMESTAMP:
                requireType(value.isBoolean(), stateName, opWhere, "a boolean");
                break;
            case TIMESTAMP:
                requireType(value.isTextual() && Timestamps.parse(value.textValue()) != null, stateName, opWhere,
                        "an RFC 3339 timestamp string such as 2016-08-18T17:33:00Z");
                break;
            case MATCHES:
                requireType(value.isTextual(), stateName, opWhere, "a string pattern");
                return new Comparison(variable, op, operator, value, null, wildcard(value.textValue()));
            default:
                throw new IllegalStateException(op);
        }
        return new Comparison(variable, op, operator, value, null, null);
    }

    private static void requireType(boolean ok, String stateName, String where, String expected) {
        if (!ok) {
            throw new InvalidDefinitionException(stateName, where, "must be " + expected);
        }
    }

    private static Path path(String text, String stateName, String where) {
        try {
            return Path.parse(text);
        } catch (Path.PathException e) {
            if (e.unsupported) {
                throw new UnsupportedFeatureException(stateName, where, e.getMessage());
            }
            throw new InvalidDefinitionException(stateName, where, e.getMessage());
        }
    }

    /** StringMatches: '*' matches any run of characters; '\*' and '\\' are literal. */
    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()
                    && (pattern.charAt(i + 1) == '*' || pattern.charAt(i + 1) == '\\')) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static final class Logical extends ChoiceRule {
        private final boolean and;
        private final List<ChoiceRule> rules;

        Logical(boolean and, List<ChoiceRule> rules) {
            this.and = and;
            this.rules = rules;
        }

        @Override
        boolean test(JsonNode input, EvalContext ctx) {
            // Short-circuits, so that {IsPresent} guards the comparisons that follow it.
            for (ChoiceRule r : rules) {
                if (r.test(input, ctx) != and) {
                    return !and;
                }
            }
            return and;
        }
    }

    private static final class Not extends ChoiceRule {
        private final ChoiceRule rule;

        Not(ChoiceRule rule) {
            this.rule = rule;
        }

        @Override
        boolean test(JsonNode input, EvalContext ctx) {
            return !rule.test(input, ctx);
        }
    }

    private static final class Comparison extends ChoiceRule {
        private final Path variable;
        private final String name;
        private final Operator op;
        private final JsonNode literal;
        private final Path other;
        private final Pattern pattern;

        Comparison(Path variable, String name, Operator op, JsonNode literal, Path other, Pattern pattern) {
            this.variable = variable;
            this.name = name;
            this.op = op;
            this.literal = literal;
            this.other = other;
            this.pattern = pattern;
        }

        @Override
        boolean test(JsonNode input, EvalContext ctx) {
            JsonNode v = variable.find(input, ctx);
            if (op.kind() == Kind.IS_PRESENT) {
                return (v != null) == literal.booleanValue();
            }
            if (v == null) {
                throw StatesError.runtime("An error occurred while executing the state '" + ctx.stateName()
                        + "'. Invalid path '" + variable.text() + "': the choice state's condition path ("
                        + name + ") references a value that does not exist");
            }
            JsonNode expected = literal;
            if (other != null) {
                expected = other.find(input, ctx);
                if (expected == null) {
                    throw StatesError.runtime("An error occurred while executing the state '" + ctx.stateName()
                            + "'. Invalid path '" + other.text() + "' in " + name + ": it does not exist");
                }
            }
            switch (op.kind()) {
                case IS_NULL:
                    return v.isNull() == literal.booleanValue();
                case IS_NUMERIC:
                    return v.isNumber() == literal.booleanValue();
                case IS_STRING:
                    return v.isTextual() == literal.booleanValue();
                case IS_BOOLEAN:
                    return v.isBoolean() == literal.booleanValue();
                case IS_TIMESTAMP:
                    return (v.isTextual() && Timestamps.parse(v.textValue()) != null) == literal.booleanValue();
                case MATCHES:
                    return v.isTextual() && pattern.matcher(v.textValue()).matches();
                case STRING:
                    return v.isTextual() && expected.isTextual()
                            && holds(v.textValue().compareTo(expected.textValue()));
                case NUMERIC:
                    return v.isNumber() && expected.isNumber()
                            && holds(v.decimalValue().compareTo(expected.decimalValue()));
                case BOOLEAN:
                    return v.isBoolean() && expected.isBoolean() && v.booleanValue() == expected.booleanValue();
                case TIMESTAMP: {
                    Instant a = v.isTextual() ? Timestamps.parse(v.textValue()) : null;
                    Instant b = expected.isTextual() ? Timestamps.parse(expected.textValue()) : null;
                    return a != null && b != null && holds(a.compareTo(b));
                }
                default:
                    throw new IllegalStateException(name);
            }
        }

        private boolean holds(int comparison) {
            switch (op.cmp()) {
                case EQ:
                    return comparison == 0;
                case LT:
                    return comparison < 0;
                case GT:
                    return comparison > 0;
                case LE:
                    return comparison <= 0;
                default:
                    return comparison >= 0;
            }
        }
    }
}
