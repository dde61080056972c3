package dev.gleaner.workflow.errors;

/** A source failed transiently (429, 5xx, timeouts) after the in-call retries; the state machine retries. */
public final class TransientSourceError extends RuntimeException {
    public TransientSourceError(String message) {
        super(message);
    }
}
