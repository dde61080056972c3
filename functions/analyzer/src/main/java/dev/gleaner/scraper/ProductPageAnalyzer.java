package dev.gleaner.scraper;

import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.scraper.detect.Detection;
import dev.gleaner.scraper.detect.PlatformDetector;
import dev.gleaner.scraper.extract.ProductExtractor;
import dev.gleaner.scraper.extract.ProductJsonFetcher;
import dev.gleaner.scraper.page.Page;
import java.util.List;
import java.util.Map;

/**
 * The product-page façade: parses the HTML once and shares the document between platform
 * detection and the extraction cascade. Pure: no I/O, except through the optional
 * {@link ProductJsonFetcher} (used for Shopify pages only). Thread-safe.
 */
public final class ProductPageAnalyzer {
    private final ProductExtractor extractor;

    /** Without a product-JSON fetcher (everything comes from the page). */
    public ProductPageAnalyzer() {
        this(ProductJsonFetcher.NONE);
    }

    public ProductPageAnalyzer(ProductJsonFetcher fetcher) {
        this.extractor = new ProductExtractor(fetcher);
    }

    /**
     * @param html    the page (decoded text); null or blank gives an empty result, never an exception
     * @param url     the final page URL (after redirects): base for relative links, host for detection
     * @param headers response headers, any name case; may be null
     * @param cookies cookies the site set ({@code name=value} or Set-Cookie values); may be null
     */
    public Analysis analyze(String html, String url, Map<String, List<String>> headers, List<String> cookies) {
        Page page = Page.parse(html, url);
        Detection detection = PlatformDetector.detect(page, headers, cookies);
        ProductInfo info = extractor.extract(page, detection.platform());
        return new Analysis(info, detection.platform(), detection.detected() ? detection.confidence() : 0.0,
                detection.indicators());
    }
}
