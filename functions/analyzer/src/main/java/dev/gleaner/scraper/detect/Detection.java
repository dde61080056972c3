package dev.gleaner.scraper.detect;

import java.util.List;

/**
 * @param platform    e.g. {@code shopify}, or null when nothing was recognised
 * @param confidence  in [0, 1]; 0 when {@code platform} is null
 * @param indicators  human-readable evidence for {@code platform}, e.g. "Shopify pattern found: cdn.shopify.com"
 */
public record Detection(String platform, double confidence, List<String> indicators) {
    public static final Detection NONE = new Detection(null, 0.0, List.of());

    public Detection {
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
    }

    public boolean detected() {
        return platform != null;
    }
}
