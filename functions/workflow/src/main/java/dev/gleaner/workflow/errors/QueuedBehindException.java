package dev.gleaner.workflow.errors;

/**
 * The task waits far back in the queue (at least as many tasks ahead of it as there are slots):
 * no release can let it in before the next poll, so the state machine asks again after a minute
 * instead of keeping a Lambda polling.
 */
public final class QueuedBehindException extends RuntimeException {
    public QueuedBehindException(String message) {
        super(message);
    }
}
