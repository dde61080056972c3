package dev.gleaner.core.workflow;

/**
 * Starts and stops the workflow that runs a collection. The input carries the task id only:
 * everything else, secrets included, is read from the task store by the workflow's steps.
 */
public interface WorkflowLauncher {
    /** Starts the workflow for a task; idempotent per task id (the execution is named after it). */
    void start(String taskId);

    /** Stops the task's workflow if it is still running; a no-op otherwise. */
    void stop(String taskId, String reason);
}
