package dev.gleaner.core.task;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** A task exactly as the contract shows it; {@code request} is what it collects with, never a secret. */
@JsonPropertyOrder({"id", "type", "status", "progress", "total", "current_step", "created_at", "started_at",
        "completed_at", "error", "result_summary", "logs", "request"})
public record TaskView(
        String id,
        String type,
        TaskStatus status,
        int progress,
        int total,
        String currentStep,
        String createdAt,
        String startedAt,
        String completedAt,
        String error,
        JsonNode resultSummary,
        List<String> logs,
        Map<String, Object> request) {}
