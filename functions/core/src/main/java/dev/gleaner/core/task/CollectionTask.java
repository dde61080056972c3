package dev.gleaner.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * A collection task as stored. {@link TaskView} is what clients see; the request, the platform,
 * the expiry and the execution are internal. Secrets are never part of this object.
 *
 * @param expiresAt when the task disappears: 24 h after it finished; while live, a last-resort
 *     {@link TaskLifetime#LIVE_MAX} after it was created (or resumed), so nothing holding a secret
 *     outlives a week
 * @param execution the name of the workflow execution that currently runs the task: the task id
 *     for the first one, {@link #executionName(String, int)} after a resume. Only this execution
 *     may move the task; cleanup, the reaper and cancel act on it alone
 * @param resumes how many times the task was resumed or re-queued
 * @param queuedAt when the task last became pending (created, resumed or re-queued): the pending
 *     time limit and the reaper's grace period count from here
 * @param leaseUntil renewed by every progress write of a running task (now + {@link
 *     dev.gleaner.core.workflow.QueueLimits#LEASE}): the reaper frees the slot of a task whose lease ran out
 */
public record CollectionTask(
        String id,
        Platform platform,
        TaskStatus status,
        int progress,
        int total,
        String currentStep,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        String error,
        JsonNode resultSummary,
        List<String> logs,
        CollectionRequest request,
        Instant expiresAt,
        String execution,
        int resumes,
        Instant queuedAt,
        Instant leaseUntil) {

    public static final int MAX_LOGS = 100;

    /** What a resumed run's execution name adds to the task id, before the resume count. */
    private static final String RESUMED = ".r";

    public CollectionTask {
        logs = logs == null ? List.of() : List.copyOf(logs);
        if (execution == null) {
            execution = id;
        }
        if (queuedAt == null) {
            queuedAt = createdAt;
        }
    }

    /** The execution that runs a task after its {@code resumes}-th resume: {@code <task_id>.r<N>} (at most 80 characters). */
    public static String executionName(String taskId, int resumes) {
        return resumes == 0 ? taskId : taskId + RESUMED + resumes;
    }

    /** The task an {@link #executionName} runs (the name without its {@code .r<N>}). */
    public static String taskIdOfExecution(String executionName) {
        int resumed = executionName.indexOf(RESUMED);
        return resumed > 0 ? executionName.substring(0, resumed) : executionName;
    }

    /** Whether {@code executionName} is the execution that currently runs this task. */
    public boolean isRunBy(String executionName) {
        return executionName == null || execution.equals(executionName);
    }

    public String type() {
        return platform.taskType();
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** A new pending task for a validated request. */
    public static CollectionTask pending(String id, CollectionRequest request, Instant now) {
        String first = Timestamps.logLine(now, request.platform().displayName() + " 데이터 수집 요청 접수 (대기 중)");
        return new CollectionTask(id, request.platform(), TaskStatus.PENDING, 0, request.initialTotal(), "대기 중...",
                now, null, null, null, null, List.of(first), request, TaskLifetime.liveExpiry(now), id, 0, now, null);
    }

    public TaskView view() {
        List<String> shown = logs.size() <= MAX_LOGS ? logs : logs.subList(logs.size() - MAX_LOGS, logs.size());
        return new TaskView(id, type(), status, progress, Math.max(total, progress), currentStep,
                Timestamps.format(createdAt), Timestamps.format(startedAt), Timestamps.format(completedAt), error,
                resultSummary == null ? Json.object() : resultSummary, shown,
                request == null ? null : request.view());
    }
}
