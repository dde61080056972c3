package dev.gleaner.scraper.extract;

import java.util.Optional;

/**
 * Fetches a Shopify store's {@code /products/{handle}.json} (the richest source: every image and
 * variant). The worker implements it with the SSRF-safe client; extraction never does I/O itself.
 * Implementations return empty on any failure (404, timeout, refused address...): the cascade then
 * goes on with what the page says.
 */
@FunctionalInterface
public interface ProductJsonFetcher {
    ProductJsonFetcher NONE = url -> Optional.empty();

    /** The response body of a GET to {@code url}, or empty. */
    Optional<String> fetch(String url);
}
