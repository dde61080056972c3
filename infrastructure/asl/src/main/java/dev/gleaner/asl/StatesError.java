package dev.gleaner.asl;

/**
 * A Step Functions error raised while running a state: an error name (matched by Retry/Catch)
 * and a cause. Internal control flow, so no stack trace.
 */
final class StatesError extends RuntimeException {
    static final String ALL = "States.ALL";
    static final String RUNTIME = "States.Runtime";
    static final String TIMEOUT = "States.Timeout";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";

    private final String error;
    private final String errorCause;

    StatesError(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.errorCause = cause;
    }

    static StatesError runtime(String cause) {
        return new StatesError(RUNTIME, cause);
    }

    String error() {
        return error;
    }

    String cause() {
        return errorCause;
    }

    /** States.Runtime is terminal on AWS: neither States.ALL nor any retrier or catcher handles it. */
    boolean isTerminal() {
        return RUNTIME.equals(error);
    }
}
