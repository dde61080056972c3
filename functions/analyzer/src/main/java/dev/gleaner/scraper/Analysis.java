package dev.gleaner.scraper;

import dev.gleaner.core.product.ProductInfo;
import java.util.List;

/**
 * What a product page yields: the task's {@code product_info}, {@code detected_platform},
 * {@code platform_confidence} and {@code platform_indicators}.
 */
public record Analysis(ProductInfo productInfo, String detectedPlatform, Double platformConfidence,
        List<String> platformIndicators) {
    public Analysis {
        platformIndicators = platformIndicators == null ? List.of() : List.copyOf(platformIndicators);
    }
}
