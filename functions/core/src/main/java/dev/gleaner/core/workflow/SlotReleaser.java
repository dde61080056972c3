package dev.gleaner.core.workflow;

/**
 * Gives back a task's running slot (at most 10 collections run at once). Releasing is
 * idempotent: releasing a slot that is not held changes nothing.
 */
@FunctionalInterface
public interface SlotReleaser {
    /** @return true if this call freed a slot the task held */
    boolean release(String taskId);
}
