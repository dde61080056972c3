package dev.gleaner.core.workflow;

/**
 * Starts, stops and looks at the workflow executions that run collections. The input carries the
 * task id only: everything else, secrets included, is read from the task store by the workflow's
 * steps. A task's first execution is named after the task id, a resumed task's after
 * {@link dev.gleaner.core.task.CollectionTask#executionName}; names are unique, so a retried start
 * cannot launch twice.
 */
public interface WorkflowLauncher {
    /** Where an execution stands; {@link #MISSING} when there is none by that name. */
    enum ExecutionState {
        RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, MISSING;

        public boolean isRunning() {
            return this == RUNNING;
        }
    }

    /** Starts execution {@code execution} of a task; a start with a name already used is a no-op. */
    void start(String taskId, String execution);

    /** Starts a task's first execution (named after the task). */
    default void start(String taskId) {
        start(taskId, taskId);
    }

    /** Stops an execution if it is still running; a no-op otherwise. */
    void stop(String execution, String reason);

    ExecutionState state(String execution);
}
