package dev.gleaner.asl;

import java.util.Objects;

/**
 * A failed task invocation, as Step Functions sees it: an error name matched by Retry/Catch
 * {@code ErrorEquals} (for Java Lambdas, the exception's fully qualified class name; or e.g.
 * {@code Lambda.ServiceException}) and a free-text cause.
 */
public class TaskFailure extends Exception {
    private final String error;
    private final String cause;

    public TaskFailure(String error, String cause) {
        super(Objects.requireNonNull(error, "error") + (cause == null ? "" : ": " + cause));
        if (error.isBlank()) {
            throw new IllegalArgumentException("error name must not be blank");
        }
        this.error = error;
        this.cause = cause;
    }

    /** The error name, matched by ErrorEquals. */
    public String error() {
        return error;
    }

    /** The cause text (may be null). */
    public String cause() {
        return cause;
    }
}
