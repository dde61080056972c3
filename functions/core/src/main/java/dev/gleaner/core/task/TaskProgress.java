package dev.gleaner.core.task;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the workflow's steps write while a collection runs: the start, progress and cursors,
 * per-category state, log lines (and, through {@link TaskFinisher}, the final status).
 */
public interface TaskProgress extends TaskFinisher {
    /** The live task with its secrets and the state of one category, in a single read. */
    Optional<TaskRun> loadRun(String id, String category);

    /** The task's secrets while it is live; empty once it has finished or expired. */
    Secrets secrets(String id);

    /** pending → running ({@link Transition#RUN}). False when the task is no longer pending (e.g. cancelled). */
    boolean markRunning(String id, String execution, Instant now, String currentStep, String logLine);

    /**
     * Adds collected posts to the progress of a running task (and to {@code total} by
     * {@code totalDelta}), stores one category's state (cursor, counts), sets the current step and
     * appends a log line, in one write. Returns the task's status after the write: a task that is
     * no longer running (or run by another execution) is left untouched.
     */
    TaskStatus addProgress(String id, String execution, String category, Map<String, Object> categoryState,
            int progressDelta, int totalDelta, String currentStep, String logLine);

    /** Appends a log line whatever the status (used for notes such as a skipped part). */
    void appendLog(String id, String logLine);

    /** Stores per-category state for the workflow (cursor, counts), outside the API's view. */
    void saveCategoryState(String id, String category, Map<String, Object> state);

    Map<String, Object> categoryState(String id, String category);
}
