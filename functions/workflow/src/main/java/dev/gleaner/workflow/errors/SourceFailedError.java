package dev.gleaner.workflow.errors;

/** A source refused or answered in an unknown shape: retrying will not help; the category (or run) fails. */
public final class SourceFailedError extends RuntimeException {
    public SourceFailedError(String message) {
        super(message);
    }
}
