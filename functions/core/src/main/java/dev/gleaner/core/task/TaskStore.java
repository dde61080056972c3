package dev.gleaner.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence of collection tasks. Every read hides expired tasks. Every status change is
 * conditional on {@link TaskStatus#predecessorsOf}, so a finished status never changes.
 */
public interface TaskStore {
    /** Stores a new pending task and its secrets; fails if the id exists. */
    void create(CollectionTask task, Secrets secrets);

    Optional<CollectionTask> get(String id);

    /** The live task with its secrets and the state of one category, in a single read. */
    Optional<TaskRun> loadRun(String id, String category);

    /** The task's secrets while it is live; empty once it has finished or expired. */
    Secrets secrets(String id);

    TaskPage list(TaskQuery query);

    StatusSummary summary(Instant now);

    /** pending → running. Returns false when the task is no longer pending (e.g. cancelled). */
    boolean markRunning(String id, Instant now, String currentStep, String logLine);

    /**
     * Adds collected posts to the progress of a running task (and to {@code total} by
     * {@code totalDelta}), sets the current step and appends a log line. Returns the task's status
     * after the write: a task that is no longer running is left untouched.
     */
    TaskStatus addProgress(String id, int progressDelta, int totalDelta, String currentStep, String logLine);

    /**
     * {@link #addProgress} that also stores one category's state (cursor, counts) in the same
     * write: one request per collected page.
     */
    TaskStatus addProgress(String id, String category, Map<String, Object> categoryState, int progressDelta,
            int totalDelta, String currentStep, String logLine);

    /** How many live pending tasks were created before this one (waiting tasks start roughly oldest first). */
    long countPendingOlderThan(CollectionTask task);

    /** Appends a log line whatever the status (used for notes such as a skipped part). */
    void appendLog(String id, String logLine);

    /**
     * Moves a live task to a final status, stamps {@code completed_at} and the expiry, and deletes
     * its secrets. Returns the finished task, or empty if the task was already final (the write
     * is then refused and nothing changes).
     */
    Optional<CollectionTask> finish(String id, TaskStatus finalStatus, JsonNode resultSummary, String error,
            String currentStep, String logLine, Instant now);

    /** Stores per-category state for the workflow (cursor, counts), outside the API's view. */
    void saveCategoryState(String id, String category, Map<String, Object> state);

    Map<String, Object> categoryState(String id, String category);

    Map<String, Map<String, Object>> allCategoryStates(String id);
}
