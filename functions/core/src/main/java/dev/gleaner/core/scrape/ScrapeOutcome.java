package dev.gleaner.core.scrape;

import dev.gleaner.core.product.ProductInfo;
import java.util.List;

/** What a successful scrape produced: stored on the task and, under its URL and language, in the cache. */
public record ScrapeOutcome(ProductInfo productInfo, String detectedPlatform, Double platformConfidence,
        List<String> platformIndicators, boolean translated) {}
