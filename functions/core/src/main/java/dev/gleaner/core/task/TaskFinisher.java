package dev.gleaner.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every side of a collection task shares: finding tasks, reading their categories' states,
 * and ending them (the API's cancel, the workflow's Finalize and cleanup, the reaper). The API's
 * commands extend it in {@link TaskRegistry}, the workflow steps' writes in {@link TaskProgress};
 * one store implements both (on AWS and locally: {@code dev.gleaner.aws.tasks.DynamoTaskStore}).
 *
 * <p>Every read hides expired tasks. Every status change is conditional on {@link Transition}'s
 * table. The workflow's writes also name the execution they come from ({@code execution}, null for
 * "any"): a write from an execution that no longer runs the task (one replaced by a resume) is
 * refused like an illegal transition.
 */
public interface TaskFinisher {
    Optional<CollectionTask> get(String id);

    TaskPage list(TaskQuery query);

    /** Every task with this status, all pages read (what the reaper and a restarted local runner go through). */
    default List<CollectionTask> listAll(TaskStatus status) {
        List<CollectionTask> all = new ArrayList<>();
        String token = null;
        do {
            TaskPage page = list(new TaskQuery(status, null, TaskQuery.MAX_LIMIT, token));
            all.addAll(page.tasks());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    /** Every category's stored state (cursor, counts), in their stored order. */
    Map<String, Map<String, Object>> allCategoryStates(String id);

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
}
