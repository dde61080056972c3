package dev.gleaner.core.scrape;

/**
 * A validated scrape request without its secret (the proxy, see {@link ScrapeRequestParser.Parsed}).
 *
 * @param normalizedUrl the cache key's URL: see {@link UrlNormalizer}
 * @param targetLanguage an ISO 639-1 code, or null
 */
public record ScrapeRequest(String url, String normalizedUrl, boolean forceRefresh, String userAgent,
        boolean blockImages, String targetLanguage) {}
