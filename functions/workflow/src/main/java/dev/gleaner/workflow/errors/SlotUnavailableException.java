package dev.gleaner.workflow.errors;

/**
 * The task is near the front of the queue but no slot was free during the whole poll: the state
 * machine asks again at once (the poll itself waited), so the task starts within seconds of a
 * slot freeing while it stays pending.
 */
public final class SlotUnavailableException extends RuntimeException {
    public SlotUnavailableException(String message) {
        super(message);
    }
}
