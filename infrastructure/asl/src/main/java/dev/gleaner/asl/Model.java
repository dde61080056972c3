package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The parsed, validated state machine. Immutable. */
final class Model {
    private Model() {}

    /** A set of states with an entry point: the whole machine, a Map processor or a Parallel branch. */
    record Branch(String startAt, Map<String, State> states) {
        State state(String name) {
            State s = states.get(name);
            if (s == null) {
                throw new IllegalStateException("no state named '" + name + "'");
            }
            return s;
        }
    }

    sealed interface State permits TaskState, PassState, ChoiceState, WaitState, SucceedState, FailState, MapState,
            ParallelState {}

    /** InputPath / OutputPath: absent (pass everything), null (an empty object), or a path. */
    record IoPath(Path path, boolean nullValue) {
        static final IoPath DEFAULT = new IoPath(null, false);
        static final IoPath NULL = new IoPath(null, true);

        JsonNode apply(JsonNode value, EvalContext ctx, String field) {
            if (nullValue) {
                return AslJson.object();
            }
            if (path == null) {
                return value;
            }
            JsonNode found = path.find(value, ctx);
            if (found == null) {
                throw StatesError.runtime("An error occurred while executing the state '" + ctx.stateName()
                        + "'. Invalid path '" + path.text() + "' in " + field + ": no results for path in the "
                        + (path.isContext() ? "context object" : AslJson.typeName(value) + " value"));
            }
            return found;
        }
    }

    /** ResultPath: absent or "$" (the result replaces the input), null (the result is discarded), or a path. */
    record ResultPathSpec(Path path, boolean discard) {
        static final ResultPathSpec DEFAULT = new ResultPathSpec(null, false);
        static final ResultPathSpec DISCARD = new ResultPathSpec(null, true);

        JsonNode apply(JsonNode rawInput, JsonNode result) {
            if (discard) {
                return rawInput;
            }
            if (path == null || path.isRoot()) {
                return result;
            }
            return path.setInto(rawInput, result);
        }
    }

    record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
            Integer maxDelaySeconds, boolean fullJitter) {

        /**
         * The wait before retry number {@code retryNumber} (1-based), in seconds, before scaling:
         * IntervalSeconds x BackoffRate^(n-1), capped by MaxDelaySeconds; with FULL jitter a uniform
         * random value in [0, that].
         */
        double delaySeconds(int retryNumber, Random random) {
            double delay = intervalSeconds * Math.pow(backoffRate, retryNumber - 1);
            if (maxDelaySeconds != null) {
                delay = Math.min(delay, maxDelaySeconds);
            }
            if (Double.isInfinite(delay) || Double.isNaN(delay)) {
                delay = Double.MAX_VALUE;
            }
            if (fullJitter) {
                delay = random.nextDouble() * delay;
            }
            return delay;
        }
    }

    record Catcher(List<String> errorEquals, String next, ResultPathSpec resultPath) {}

    /**
     * Whether an ErrorEquals list matches an error. States.ALL matches everything; States.TaskFailed
     * matches any error of a Task state except States.Timeout.
     */
    static boolean matches(List<String> errorEquals, String error, boolean taskState) {
        for (String e : errorEquals) {
            if (e.equals(error) || e.equals(StatesError.ALL)) {
                return true;
            }
            if (taskState && e.equals(StatesError.TASK_FAILED) && !StatesError.TIMEOUT.equals(error)) {
                return true;
            }
        }
        return false;
    }

    record TaskState(String resource, IoPath inputPath, PayloadTemplate parameters, PayloadTemplate resultSelector,
            ResultPathSpec resultPath, IoPath outputPath, Long timeoutSeconds, Path timeoutSecondsPath,
            List<Retrier> retry, List<Catcher> catchers, String next) implements State {}

    record PassState(IoPath inputPath, PayloadTemplate parameters, JsonNode result, ResultPathSpec resultPath,
            IoPath outputPath, String next) implements State {}

    record Choice(ChoiceRule rule, String next) {}

    record ChoiceState(IoPath inputPath, IoPath outputPath, List<Choice> choices, String defaultNext)
            implements State {}

    record WaitState(IoPath inputPath, IoPath outputPath, Long seconds, Path secondsPath, Instant timestamp,
            Path timestampPath, String next) implements State {}

    record SucceedState(IoPath inputPath, IoPath outputPath) implements State {}

    record FailState(String error, ValueExpr errorPath, String cause, ValueExpr causePath) implements State {}

    record MapState(IoPath inputPath, Path itemsPath, PayloadTemplate itemSelector, Branch processor,
            Integer maxConcurrency, Path maxConcurrencyPath, PayloadTemplate resultSelector, ResultPathSpec resultPath,
            IoPath outputPath, List<Retrier> retry, List<Catcher> catchers, String next) implements State {}

    record ParallelState(IoPath inputPath, PayloadTemplate parameters, List<Branch> branches,
            PayloadTemplate resultSelector, ResultPathSpec resultPath, IoPath outputPath, List<Retrier> retry,
            List<Catcher> catchers, String next) implements State {}
}
