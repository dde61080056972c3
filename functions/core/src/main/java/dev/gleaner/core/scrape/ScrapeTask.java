package dev.gleaner.core.scrape;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.core.task.TaskLifetime;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A product-page scrape task as stored (the proxy secret is not part of it). Statuses are
 * pending, running, completed and failed. {@code expiresAt} is set from creation on (a week, for a
 * task whose message was lost) and moved to 24 h after the end when it finishes.
 */
public record ScrapeTask(
        String taskId,
        TaskStatus status,
        ScrapeRequest request,
        String message,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        ProductInfo productInfo,
        String error,
        boolean cacheHit,
        String detectedPlatform,
        Double platformConfidence,
        List<String> platformIndicators,
        Boolean translated,
        Instant expiresAt) {

    public ScrapeTask {
        platformIndicators = platformIndicators == null ? List.of() : List.copyOf(platformIndicators);
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public static ScrapeTask pending(String id, ScrapeRequest request, Instant now) {
        return new ScrapeTask(id, TaskStatus.PENDING, request, "Queued for scraping", now, now, null, null, null, false,
                null, null, List.of(), null, TaskLifetime.liveExpiry(now));
    }

    /** {@code GET /tasks/{id}}. */
    public Map<String, Object> statusView() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_id", taskId);
        m.put("status", status.wire());
        m.put("progress", progress());
        m.put("message", message);
        m.put("created_at", Timestamps.format(createdAt));
        m.put("updated_at", Timestamps.format(updatedAt));
        m.put("target_language", request.targetLanguage());
        return m;
    }

    /** {@code POST /scrape} and {@code GET /tasks/{id}/result}: the full shape. */
    public ResultView resultView() {
        return new ResultView(taskId, status.wire(), request.url(), Timestamps.format(createdAt), productInfo, error,
                Timestamps.format(completedAt), cacheHit, detectedPlatform, platformConfidence, platformIndicators,
                request.targetLanguage(), translated);
    }

    private Integer progress() {
        return switch (status) {
            case PENDING -> 0;
            case RUNNING -> 50;
            default -> 100;
        };
    }

    @JsonPropertyOrder({"task_id", "status", "url", "created_at", "product_info", "error", "completed_at", "cache_hit",
            "detected_platform", "platform_confidence", "platform_indicators", "target_language", "translated"})
    public record ResultView(String taskId, String status, String url, String createdAt, ProductInfo productInfo,
            String error, String completedAt, boolean cacheHit, String detectedPlatform, Double platformConfidence,
            List<String> platformIndicators, String targetLanguage, Boolean translated) {}
}
