package dev.gleaner.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A collection task as stored. {@link TaskView} is what clients see; the request, the platform,
 * the expiry and the execution are internal. Secrets are never part of this object.
 *
 * @param expiresAt when the task disappears (set when it finishes, 24 h later); null while live
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
        Instant expiresAt) {

    public static final int MAX_LOGS = 100;

    public CollectionTask {
        logs = logs == null ? List.of() : List.copyOf(logs);
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
                now, null, null, null, null, List.of(first), request, null);
    }

    public TaskView view() {
        List<String> shown = logs.size() <= MAX_LOGS ? logs : logs.subList(logs.size() - MAX_LOGS, logs.size());
        return new TaskView(id, type(), status, progress, Math.max(total, progress), currentStep,
                Timestamps.format(createdAt), Timestamps.format(startedAt), Timestamps.format(completedAt), error,
                resultSummary == null ? dev.gleaner.core.json.Json.object() : resultSummary, shown,
                request == null ? null : request.view());
    }
}
