package dev.gleaner.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence of collection tasks. Every read hides expired tasks. Every status change is
 * conditional on {@link Transition}'s table. The workflow's writes also name the execution they
 * come from ({@code execution}, null for "any"): a write from an execution that no longer runs
 * the task (one replaced by a resume) is refused like an illegal transition.
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

    /** Counts per status, each live task counted exactly once (total = the sum of the parts). */
    StatusSummary summary(Instant now);

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

    /**
     * Moves a live task to a final status (the {@link Transition} of that kind), stamps
     * {@code completed_at} and the 24 h expiry, and deletes its secrets. Returns the finished task,
     * or empty if the write was refused (already final, or run by another execution).
     */
    Optional<CollectionTask> finish(String id, String execution, TaskStatus finalStatus, JsonNode resultSummary,
            String error, String currentStep, String logLine, Instant now);

    /** {@link #finish(String, String, TaskStatus, JsonNode, String, String, String, Instant)} from any execution. */
    default Optional<CollectionTask> finish(String id, TaskStatus finalStatus, JsonNode resultSummary, String error,
            String currentStep, String logLine, Instant now) {
        return finish(id, null, finalStatus, resultSummary, error, currentStep, logLine, now);
    }

    /**
     * {@link Transition#RESUME} or {@link Transition#REQUEUE}: the task becomes pending again under a
     * new execution ({@link CollectionTask#executionName} of {@code resumes + 1}), its error and
     * completion cleared, its live expiry renewed; its progress, categories and cursors stay.
     * {@code secrets} (when not empty) replace the stored ones. Empty when the task changed meanwhile
     * (another resume won, or its status is not one the transition starts from).
     */
    Optional<CollectionTask> requeue(CollectionTask seen, Transition transition, Secrets secrets, String currentStep,
            String logLine, Instant now);

    /** Stores per-category state for the workflow (cursor, counts), outside the API's view. */
    void saveCategoryState(String id, String category, Map<String, Object> state);

    Map<String, Object> categoryState(String id, String category);

    Map<String, Map<String, Object>> allCategoryStates(String id);
}
