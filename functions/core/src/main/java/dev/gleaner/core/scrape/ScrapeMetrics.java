package dev.gleaner.core.scrape;

import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.Dimension;
import dev.gleaner.core.metrics.FailureCause;
import dev.gleaner.core.metrics.Metric;
import dev.gleaner.core.metrics.Metrics;
import dev.gleaner.core.product.ProductInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scrape's outcome as metrics and log lines. Log lines name the page's host only: a URL's path
 * or query may carry a customer's token, and the proxy (which may hold credentials) is never logged.
 */
public final class ScrapeMetrics {
    /** The {@code Platform} of a scrape whose page named no platform we know. */
    public static final String UNKNOWN_PLATFORM = "unknown";

    private ScrapeMetrics() {}

    public static String host(ScrapeRequest request) {
        try {
            String host = URI.create(request.url()).getHost();
            return host == null ? "?" : host;
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    public static void completed(String taskId, ScrapeOutcome outcome) {
        String platform = outcome.detectedPlatform() == null ? UNKNOWN_PLATFORM : outcome.detectedPlatform();
        ProductInfo info = outcome.productInfo() == null ? ProductInfo.EMPTY : outcome.productInfo();
        int found = info.fieldsFound();
        Metrics.with(Dimension.PLATFORM, platform).count(Metric.SCRAPES_COMPLETED)
                .add(Metric.EXTRACTION_FIELDS_FOUND, found).emit();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("detected_platform", platform);
        fields.put("fields_found", found);
        fields.put("translated", outcome.translated());
        StructuredLog.info("scrape completed", taskId, fields);
    }

    public static void failed(String taskId, FailureCause cause, String error) {
        Metrics.with(Dimension.CAUSE, cause.value()).count(Metric.SCRAPES_FAILED).emit();
        StructuredLog.info("scrape failed", taskId, Map.of("cause", cause.value(), "error", error));
    }
}
