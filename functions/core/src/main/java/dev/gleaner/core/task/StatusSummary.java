package dev.gleaner.core.task;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /status/summary}. */
@JsonPropertyOrder({"total_tasks", "pending", "running", "completed", "failed", "cancelled", "timestamp"})
public record StatusSummary(long totalTasks, long pending, long running, long completed, long failed,
        long cancelled, String timestamp) {}
