package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.asl.Model.Branch;
import dev.gleaner.asl.Model.Catcher;
import dev.gleaner.asl.Model.Choice;
import dev.gleaner.asl.Model.ChoiceState;
import dev.gleaner.asl.Model.FailState;
import dev.gleaner.asl.Model.IoPath;
import dev.gleaner.asl.Model.MapState;
import dev.gleaner.asl.Model.ParallelState;
import dev.gleaner.asl.Model.PassState;
import dev.gleaner.asl.Model.ResultPathSpec;
import dev.gleaner.asl.Model.Retrier;
import dev.gleaner.asl.Model.State;
import dev.gleaner.asl.Model.SucceedState;
import dev.gleaner.asl.Model.TaskState;
import dev.gleaner.asl.Model.WaitState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BiFunction;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a (substituted) definition into the {@link Model}, validating it as Step Functions does
 * and refusing, by name, whatever this executor does not run.
 */
final class DefinitionParser {
    /** Step Functions' upper bound for most integer fields. */
    private static final long MAX_SECONDS = 99_999_999L;
    private static final long MAX_DELAY_SECONDS = 31_622_400L;
    private static final int MAX_STATE_NAME = 80;
    private static final Pattern STATES_ARN = Pattern.compile("^arn:[^:]+:states:.*");

    private static final Map<String, String> UNSUPPORTED_FIELDS = unsupportedFields();

    private static Map<String, String> unsupportedFields() {
        Map<String, String> m = new LinkedHashMap<>();
        String heartbeat = "task heartbeats (activities, .waitForTaskToken callbacks) are not supported";
        m.put("HeartbeatSeconds", heartbeat);
        m.put("HeartbeatSecondsPath", heartbeat);
        m.put("Credentials", "task Credentials (cross-account roles) are not supported");
        m.put("Assign", "workflow variables (Assign) are not supported");
        for (String f : List.of("Arguments", "Output", "Items")) {
            m.put(f, "the JSONata field '" + f + "' is not supported (JSONPath only)");
        }
        for (String f : List.of("ItemReader", "ItemBatcher", "ResultWriter", "ToleratedFailurePercentage",
                "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "Label")) {
            m.put(f, "the Distributed Map field '" + f + "' is not supported (inline Map only)");
        }
        return Map.copyOf(m);
    }

    record Result(Branch root, Long timeoutSeconds, String comment, Set<String> resources) {}

    private final Set<String> allStateNames = new HashSet<>();
    private final Set<String> resources = new LinkedHashSet<>();

    private DefinitionParser() {}

    static Result parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidDefinitionException("the definition must be a JSON object");
        }
        DefinitionParser p = new DefinitionParser();
        Fields f = new Fields(null, root, "");
        p.queryLanguage(f);
        String comment = f.optString("Comment");
        String version = f.optString("Version");
        if (version != null && !version.equals("1.0")) {
            throw new InvalidDefinitionException(null, "Version", "only version \"1.0\" exists, got '" + version + "'");
        }
        Long timeout = f.optInteger("TimeoutSeconds", 1, MAX_SECONDS);
        Branch branch = p.branch(f, null, "");
        f.rejectUnknown();
        return new Result(branch, timeout, comment, Set.copyOf(p.resources));
    }

    // ---- branches ----

    private Branch branch(Fields f, String owner, String prefix) {
        String startAt = f.requiredString("StartAt");
        JsonNode statesNode = f.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw new InvalidDefinitionException(owner, prefix + "States", "must be a non-empty object of states");
        }
        Map<String, State> states = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : statesNode.properties()) {
            String name = e.getKey();
            if (name.isEmpty() || name.length() > MAX_STATE_NAME) {
                throw new InvalidDefinitionException(name, null, "a state name must have 1 to " + MAX_STATE_NAME
                        + " characters");
            }
            if (!allStateNames.add(name)) {
                throw new InvalidDefinitionException(name, null,
                        "state names must be unique in the whole state machine (Map and Parallel included)");
            }
            states.put(name, state(name, e.getValue()));
        }
        if (!states.containsKey(startAt)) {
            throw new InvalidDefinitionException(owner, prefix + "StartAt",
                    "'" + startAt + "' is not a state of " + (owner == null ? "the state machine" : "this branch"));
        }
        checkTransitions(states, startAt, owner, prefix);
        return new Branch(startAt, Map.copyOf(states));
    }

    /** Every target exists in the same branch, every state is reachable, and some state ends the branch. */
    private static void checkTransitions(Map<String, State> states, String startAt, String owner, String prefix) {
        boolean terminal = false;
        for (Map.Entry<String, State> e : states.entrySet()) {
            for (Map.Entry<String, String> t : targets(e.getValue()).entrySet()) {
                if (!states.containsKey(t.getValue())) {
                    throw new InvalidDefinitionException(e.getKey(), t.getKey(), "transition target '" + t.getValue()
                            + "' is not a state of " + (owner == null ? "the state machine" : "the same branch"));
                }
            }
            terminal |= isTerminal(e.getValue());
        }
        if (!terminal) {
            throw new InvalidDefinitionException(owner, prefix + "States",
                    "no terminal state (End: true, Succeed or Fail)");
        }
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(startAt));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name)) {
                todo.addAll(targets(states.get(name)).values());
            }
        }
        for (String name : states.keySet()) {
            if (!seen.contains(name)) {
                throw new InvalidDefinitionException(name, null, "is not reachable from StartAt '" + startAt + "'");
            }
        }
    }

    private static boolean isTerminal(State s) {
        if (s instanceof SucceedState || s instanceof FailState) {
            return true;
        }
        if (s instanceof ChoiceState) {
            return false;
        }
        return nextOf(s) == null;
    }

    private static String nextOf(State s) {
        if (s instanceof TaskState t) {
            return t.next();
        }
        if (s instanceof PassState p) {
            return p.next();
        }
        if (s instanceof WaitState w) {
            return w.next();
        }
        if (s instanceof MapState m) {
            return m.next();
        }
        if (s instanceof ParallelState p) {
            return p.next();
        }
        return null;
    }

    /** Field (for messages) -> target state name. */
    private static Map<String, String> targets(State s) {
        Map<String, String> out = new LinkedHashMap<>();
        String next = nextOf(s);
        if (next != null) {
            out.put("Next", next);
        }
        List<Catcher> catchers = s instanceof TaskState t ? t.catchers()
                : s instanceof MapState m ? m.catchers() : s instanceof ParallelState p ? p.catchers() : List.of();
        for (int i = 0; i < catchers.size(); i++) {
            out.put("Catch[" + i + "].Next", catchers.get(i).next());
        }
        if (s instanceof ChoiceState c) {
            for (int i = 0; i < c.choices().size(); i++) {
                out.put("Choices[" + i + "].Next", c.choices().get(i).next());
            }
            if (c.defaultNext() != null) {
                out.put("Default", c.defaultNext());
            }
        }
        return out;
    }

    // ---- states ----

    private State state(String name, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidDefinitionException(name, null, "a state must be a JSON object");
        }
        Fields f = new Fields(name, node, "");
        String type = f.requiredString("Type");
        queryLanguage(f);
        f.optString("Comment");
        for (Map.Entry<String, String> u : UNSUPPORTED_FIELDS.entrySet()) {
            if (node.has(u.getKey())) {
                throw new UnsupportedFeatureException(name, u.getKey(), u.getValue());
            }
        }
        State state = switch (type) {
            case "Task" -> task(name, f);
            case "Pass" -> pass(f);
            case "Choice" -> choice(name, f);
            case "Wait" -> waitState(name, f);
            case "Succeed" -> {
                noTransition(name, f, type);
                yield new SucceedState(ioPath(f, "InputPath"), ioPath(f, "OutputPath"));
            }
            case "Fail" -> {
                noTransition(name, f, type);
                yield fail(name, f);
            }
            case "Map" -> map(name, f);
            case "Parallel" -> parallel(name, f);
            default -> throw new UnsupportedFeatureException(name, "Type", "unknown state type '" + type + "'");
        };
        f.rejectUnknown();
        return state;
    }

    private TaskState task(String name, Fields f) {
        String resource = f.requiredString("Resource");
        if (STATES_ARN.matcher(resource).matches()) {
            String what = resource.contains(":activity:") ? "activity" : "service integration";
            throw new UnsupportedFeatureException(name, "Resource", "the " + what + " resource '" + resource
                    + "' is not supported; only direct Lambda function ARNs (or other resources the TaskInvoker"
                    + " resolves) are");
        }
        if (resource.isBlank()) {
            throw new InvalidDefinitionException(name, "Resource", "must not be blank");
        }
        resources.add(resource);
        Long timeout = f.optInteger("TimeoutSeconds", 1, MAX_SECONDS);
        Path timeoutPath = f.optPath("TimeoutSecondsPath");
        if (timeout != null && timeoutPath != null) {
            throw new InvalidDefinitionException(name, "TimeoutSecondsPath",
                    "TimeoutSeconds and TimeoutSecondsPath are mutually exclusive");
        }
        return new TaskState(resource, ioPath(f, "InputPath"), template(f, "Parameters"),
                template(f, "ResultSelector"), resultPath(f, "ResultPath"), ioPath(f, "OutputPath"), timeout,
                timeoutPath, retriers(f), catchers(f), transition(f));
    }

    private PassState pass(Fields f) {
        JsonNode result = f.get("Result");
        return new PassState(ioPath(f, "InputPath"), template(f, "Parameters"), result, resultPath(f, "ResultPath"),
                ioPath(f, "OutputPath"), transition(f));
    }

    private ChoiceState choice(String name, Fields f) {
        noTransition(name, f, "Choice");
        JsonNode choicesNode = f.get("Choices");
        if (choicesNode == null || !choicesNode.isArray() || choicesNode.isEmpty()) {
            throw new InvalidDefinitionException(name, "Choices", "must be a non-empty array of choice rules");
        }
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < choicesNode.size(); i++) {
            JsonNode ruleNode = choicesNode.get(i);
            String where = "Choices[" + i + "]";
            ChoiceRule rule = ChoiceRule.compile(ruleNode, true, name, where);
            JsonNode next = ruleNode.get("Next");
            if (next == null || !next.isTextual() || next.textValue().isEmpty()) {
                throw new InvalidDefinitionException(name, where + ".Next", "every top-level choice rule needs Next");
            }
            choices.add(new Choice(rule, next.textValue()));
        }
        return new ChoiceState(ioPath(f, "InputPath"), ioPath(f, "OutputPath"), List.copyOf(choices),
                f.optString("Default"));
    }

    private WaitState waitState(String name, Fields f) {
        Long seconds = f.optInteger("Seconds", 0, MAX_SECONDS);
        Path secondsPath = f.optPath("SecondsPath");
        String timestampText = f.optString("Timestamp");
        Path timestampPath = f.optPath("TimestampPath");
        int given = (seconds != null ? 1 : 0) + (secondsPath != null ? 1 : 0) + (timestampText != null ? 1 : 0)
                + (timestampPath != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidDefinitionException(name, null,
                    "a Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }
        Instant timestamp = null;
        if (timestampText != null) {
            timestamp = Timestamps.parse(timestampText);
            if (timestamp == null) {
                throw new InvalidDefinitionException(name, "Timestamp",
                        "must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, got '" + timestampText + "'");
            }
        }
        return new WaitState(ioPath(f, "InputPath"), ioPath(f, "OutputPath"), seconds, secondsPath, timestamp,
                timestampPath, transition(f));
    }

    private FailState fail(String name, Fields f) {
        String error = f.optString("Error");
        ValueExpr errorPath = f.optPathOrIntrinsic("ErrorPath");
        String cause = f.optString("Cause");
        ValueExpr causePath = f.optPathOrIntrinsic("CausePath");
        if (error != null && errorPath != null) {
            throw new InvalidDefinitionException(name, "ErrorPath", "Error and ErrorPath are mutually exclusive");
        }
        if (cause != null && causePath != null) {
            throw new InvalidDefinitionException(name, "CausePath", "Cause and CausePath are mutually exclusive");
        }
        return new FailState(error, errorPath, cause, causePath);
    }

    private MapState map(String name, Fields f) {
        PayloadTemplate itemSelector = template(f, "ItemSelector");
        PayloadTemplate legacyParameters = template(f, "Parameters");
        if (itemSelector != null && legacyParameters != null) {
            throw new InvalidDefinitionException(name, "Parameters",
                    "ItemSelector and the legacy Parameters are mutually exclusive");
        }
        JsonNode processorNode = f.get("ItemProcessor");
        JsonNode iteratorNode = f.get("Iterator");
        if ((processorNode == null) == (iteratorNode == null)) {
            throw new InvalidDefinitionException(name, "ItemProcessor",
                    "a Map state needs exactly one of ItemProcessor and the legacy Iterator");
        }
        String field = processorNode != null ? "ItemProcessor" : "Iterator";
        JsonNode node = processorNode != null ? processorNode : iteratorNode;
        if (!node.isObject()) {
            throw new InvalidDefinitionException(name, field, "must be an object");
        }
        Fields pf = new Fields(name, node, field + ".");
        if (processorNode != null) {
            JsonNode config = pf.get("ProcessorConfig");
            if (config != null) {
                if (!config.isObject()) {
                    throw new InvalidDefinitionException(name, field + ".ProcessorConfig", "must be an object");
                }
                Fields cf = new Fields(name, config, field + ".ProcessorConfig.");
                String mode = cf.optString("Mode");
                if ("DISTRIBUTED".equals(mode)) {
                    throw new UnsupportedFeatureException(name, field + ".ProcessorConfig.Mode",
                            "Distributed Map (Mode DISTRIBUTED) is not supported; use INLINE");
                }
                if (mode != null && !mode.equals("INLINE")) {
                    throw new InvalidDefinitionException(name, field + ".ProcessorConfig.Mode",
                            "must be INLINE or DISTRIBUTED, got '" + mode + "'");
                }
                if (config.has("ExecutionType")) {
                    throw new UnsupportedFeatureException(name, field + ".ProcessorConfig.ExecutionType",
                            "ExecutionType belongs to Distributed Map, which is not supported");
                }
                cf.rejectUnknown();
            }
        }
        pf.optString("Comment");
        Branch processor = branch(pf, name, field + ".");
        pf.rejectUnknown();
        Long maxConcurrency = f.optInteger("MaxConcurrency", 0, Integer.MAX_VALUE);
        Path maxConcurrencyPath = f.optPath("MaxConcurrencyPath");
        if (maxConcurrency != null && maxConcurrencyPath != null) {
            throw new InvalidDefinitionException(name, "MaxConcurrencyPath",
                    "MaxConcurrency and MaxConcurrencyPath are mutually exclusive");
        }
        return new MapState(ioPath(f, "InputPath"), f.optPath("ItemsPath"),
                itemSelector != null ? itemSelector : legacyParameters, processor,
                maxConcurrency == null ? null : maxConcurrency.intValue(), maxConcurrencyPath,
                template(f, "ResultSelector"), resultPath(f, "ResultPath"), ioPath(f, "OutputPath"), retriers(f),
                catchers(f), transition(f));
    }

    private ParallelState parallel(String name, Fields f) {
        List<Branch> branches = entries(f, "Branches", "branches", true, (bf, last) -> {
            Branch branch = branch(bf, name, bf.prefix);
            bf.rejectUnknown();
            return branch;
        });
        return new ParallelState(ioPath(f, "InputPath"), template(f, "Parameters"), branches,
                template(f, "ResultSelector"), resultPath(f, "ResultPath"), ioPath(f, "OutputPath"), retriers(f),
                catchers(f), transition(f));
    }

    // ---- shared pieces ----

    private void queryLanguage(Fields f) {
        String ql = f.optString("QueryLanguage");
        if (ql == null || ql.equals("JSONPath")) {
            return;
        }
        if (ql.equals("JSONata")) {
            throw new UnsupportedFeatureException(f.stateName, "QueryLanguage",
                    "JSONata is not supported; only the JSONPath query language is");
        }
        throw new InvalidDefinitionException(f.stateName, "QueryLanguage",
                "must be JSONPath or JSONata, got '" + ql + "'");
    }

    /** @return the Next target, or null for End: true */
    private static String transition(Fields f) {
        JsonNode next = f.get("Next");
        JsonNode end = f.get("End");
        if (end != null && !end.isBoolean()) {
            throw new InvalidDefinitionException(f.stateName, "End", "must be a boolean");
        }
        boolean isEnd = end != null && end.booleanValue();
        if (next != null && !(next.isTextual() && !next.textValue().isEmpty())) {
            throw new InvalidDefinitionException(f.stateName, "Next", "must be a state name");
        }
        if (next != null && isEnd) {
            throw new InvalidDefinitionException(f.stateName, "Next", "Next and End: true are mutually exclusive");
        }
        if (next == null && !isEnd) {
            throw new InvalidDefinitionException(f.stateName, "Next", "the state needs Next or End: true");
        }
        return isEnd ? null : next.textValue();
    }

    private static void noTransition(String name, Fields f, String type) {
        for (String field : List.of("Next", "End")) {
            if (f.node.has(field)) {
                throw new InvalidDefinitionException(name, field, type + " states do not take " + field);
            }
        }
    }

    private static IoPath ioPath(Fields f, String field) {
        JsonNode n = f.get(field);
        if (n == null) {
            return IoPath.DEFAULT;
        }
        if (n.isNull()) {
            return IoPath.NULL;
        }
        return new IoPath(f.path(field, n), false);
    }

    private static ResultPathSpec resultPath(Fields f, String field) {
        JsonNode n = f.get(field);
        if (n == null) {
            return ResultPathSpec.DEFAULT;
        }
        if (n.isNull()) {
            return ResultPathSpec.DISCARD;
        }
        Path p = f.path(field, n);
        if (p.isContext()) {
            throw new InvalidDefinitionException(f.stateName, f.prefix + field,
                    "ResultPath must be a reference path into the state input ($...), not the context object");
        }
        return new ResultPathSpec(p, false);
    }

    private static PayloadTemplate template(Fields f, String field) {
        JsonNode n = f.get(field);
        if (n == null) {
            return null;
        }
        try {
            return PayloadTemplate.compile(field, n);
        } catch (PayloadTemplate.TemplateException e) {
            if (e.unsupported) {
                throw new UnsupportedFeatureException(f.stateName, f.prefix + e.field, e.getMessage());
            }
            throw new InvalidDefinitionException(f.stateName, f.prefix + e.field, e.getMessage());
        }
    }

    private static List<Retrier> retriers(Fields f) {
        return entries(f, "Retry", "retriers", false, (rf, last) -> {
            List<String> errors = errorEquals(rf, last, "Retry");
            Long interval = rf.optInteger("IntervalSeconds", 1, MAX_SECONDS);
            Long maxAttempts = rf.optInteger("MaxAttempts", 0, MAX_SECONDS);
            JsonNode backoff = rf.get("BackoffRate");
            if (backoff != null && (!backoff.isNumber() || backoff.doubleValue() < 1.0)) {
                throw new InvalidDefinitionException(f.stateName, rf.prefix + "BackoffRate",
                        "must be a number >= 1.0");
            }
            Long maxDelay = rf.optInteger("MaxDelaySeconds", 1, MAX_DELAY_SECONDS);
            String jitter = rf.optString("JitterStrategy");
            if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
                throw new InvalidDefinitionException(f.stateName, rf.prefix + "JitterStrategy",
                        "must be FULL or NONE, got '" + jitter + "'");
            }
            rf.rejectUnknown();
            return new Retrier(errors, interval == null ? 1 : interval.intValue(),
                    maxAttempts == null ? 3 : maxAttempts.intValue(), backoff == null ? 2.0 : backoff.doubleValue(),
                    maxDelay == null ? null : maxDelay.intValue(), "FULL".equals(jitter));
        });
    }

    private static List<Catcher> catchers(Fields f) {
        return entries(f, "Catch", "catchers", false, (cf, last) -> {
            for (String field : List.of("Assign", "Output")) {
                if (cf.node.has(field)) {
                    throw new UnsupportedFeatureException(f.stateName, cf.prefix + field,
                            UNSUPPORTED_FIELDS.get(field));
                }
            }
            List<String> errors = errorEquals(cf, last, "Catch");
            String next = cf.requiredString("Next");
            ResultPathSpec rp = resultPath(cf, "ResultPath");
            cf.rejectUnknown();
            return new Catcher(errors, next, rp);
        });
    }

    /**
     * The array {@code field} (Retry, Catch: optional; Branches: required, not empty) of a state:
     * each entry must be an object, may have a Comment, and is read by {@code read} (told whether it
     * is the last entry).
     */
    private static <T> List<T> entries(Fields f, String field, String what, boolean required,
            BiFunction<Fields, Boolean, T> read) {
        JsonNode n = f.get(field);
        if (required && (n == null || !n.isArray() || n.isEmpty())) {
            throw new InvalidDefinitionException(f.stateName, field, "must be a non-empty array of " + what);
        }
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new InvalidDefinitionException(f.stateName, field, "must be an array of " + what);
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode entry = n.get(i);
            if (!entry.isObject()) {
                throw new InvalidDefinitionException(f.stateName, field + "[" + i + "]", "must be an object");
            }
            Fields ef = new Fields(f.stateName, entry, field + "[" + i + "].");
            ef.optString("Comment");
            out.add(read.apply(ef, i == n.size() - 1));
        }
        return List.copyOf(out);
    }

    private static List<String> errorEquals(Fields f, boolean last, String kind) {
        JsonNode n = f.get("ErrorEquals");
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw new InvalidDefinitionException(f.stateName, f.prefix + "ErrorEquals",
                    "must be a non-empty array of error names");
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual() || e.textValue().isEmpty()) {
                throw new InvalidDefinitionException(f.stateName, f.prefix + "ErrorEquals",
                        "error names must be non-empty strings");
            }
            errors.add(e.textValue());
        }
        if (errors.contains(StatesError.ALL) && (errors.size() > 1 || !last)) {
            throw new InvalidDefinitionException(f.stateName, f.prefix + "ErrorEquals",
                    "States.ALL must appear alone, in the last " + (kind.equals("Retry") ? "retrier" : "catcher"));
        }
        return List.copyOf(errors);
    }

    /** Reads the fields of one JSON object, remembering which were read so leftovers can be refused. */
    private static final class Fields {
        final String stateName;
        final JsonNode node;
        final String prefix;
        final Set<String> read = new HashSet<>();

        Fields(String stateName, JsonNode node, String prefix) {
            this.stateName = stateName;
            this.node = node;
            this.prefix = prefix;
        }

        JsonNode get(String field) {
            read.add(field);
            return node.get(field);
        }

        String requiredString(String field) {
            JsonNode n = get(field);
            if (n == null || !n.isTextual() || n.textValue().isEmpty()) {
                throw new InvalidDefinitionException(stateName, prefix + field, "must be a non-empty string");
            }
            return n.textValue();
        }

        String optString(String field) {
            JsonNode n = get(field);
            if (n == null) {
                return null;
            }
            if (!n.isTextual()) {
                throw new InvalidDefinitionException(stateName, prefix + field, "must be a string");
            }
            return n.textValue();
        }

        Long optInteger(String field, long min, long max) {
            JsonNode n = get(field);
            if (n == null) {
                return null;
            }
            if (!n.isNumber() || !n.canConvertToExactIntegral() || !n.canConvertToLong()
                    || n.longValue() < min || n.longValue() > max) {
                throw new InvalidDefinitionException(stateName, prefix + field,
                        "must be an integer from " + min + " to " + max + ", got " + n);
            }
            return n.longValue();
        }

        Path path(String field, JsonNode n) {
            if (!n.isTextual()) {
                throw new InvalidDefinitionException(stateName, prefix + field, "must be a path string");
            }
            try {
                return Path.parse(n.textValue());
            } catch (Path.PathException e) {
                if (e.unsupported) {
                    throw new UnsupportedFeatureException(stateName, prefix + field, e.getMessage());
                }
                throw new InvalidDefinitionException(stateName, prefix + field, e.getMessage());
            }
        }

        Path optPath(String field) {
            JsonNode n = get(field);
            return n == null ? null : path(field, n);
        }

        ValueExpr optPathOrIntrinsic(String field) {
            JsonNode n = get(field);
            if (n == null) {
                return null;
            }
            if (n.isTextual() && Intrinsics.looksLikeCall(n.textValue())) {
                try {
                    return Intrinsics.parse(n.textValue());
                } catch (Intrinsics.ParseException e) {
                    if (e.unsupported) {
                        throw new UnsupportedFeatureException(stateName, prefix + field, e.getMessage());
                    }
                    throw new InvalidDefinitionException(stateName, prefix + field, e.getMessage());
                }
            }
            return path(field, n);
        }

        void rejectUnknown() {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!read.contains(e.getKey())) {
                    String field = e.getKey();
                    String reason = UNSUPPORTED_FIELDS.get(field);
                    throw new UnsupportedFeatureException(stateName, prefix + field,
                            reason != null ? reason : "unknown field '" + field + "'");
                }
            }
        }
    }
}
