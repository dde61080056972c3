package dev.gleaner.workflow.errors;

/**
 * All running slots are taken (or older tasks are waiting for the free ones). The state machine
 * retries AcquireSlot on this error with capped, jittered backoff, so the task waits as pending.
 */
public final class SlotUnavailableException extends RuntimeException {
    public SlotUnavailableException(String message) {
        super(message);
    }
}
