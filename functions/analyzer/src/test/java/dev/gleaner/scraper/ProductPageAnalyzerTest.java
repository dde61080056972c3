package dev.gleaner.scraper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductPageAnalyzerTest {
    @Test
    void analyzesShopifyPageEndToEnd() {
        Analysis a = new ProductPageAnalyzer().analyze(TestPages.read("pages/shopify.html"),
                "https://monoshop.example.kr/products/linen-shirt", Map.of("x-shopid", List.of("1")), List.of("_shopify_y=1"));
        assertEquals("shopify", a.detectedPlatform());
        assertTrue(a.platformConfidence() > 0.9);
        assertTrue(a.platformIndicators().contains("shopify-section class detected"));
        assertEquals("린넨 셔츠", a.productInfo().title());
        assertEquals("KRW", a.productInfo().currency());
    }

    @Test
    void fetcherIsOnlyAskedForShopifyPages() {
        int[] calls = {0};
        ProductPageAnalyzer analyzer = new ProductPageAnalyzer(url -> {
            calls[0]++;
            return Optional.empty();
        });
        analyzer.analyze(TestPages.read("pages/jsonld-graph.html"), "https://outdoor.example/products/trail-runner-2", null, null);
        assertEquals(0, calls[0]);
        analyzer.analyze(TestPages.read("pages/shopify.html"), "https://monoshop.example.kr/products/linen-shirt", null, null);
        assertEquals(1, calls[0]);
    }

    @Test
    void serialisesToTheContractShape() throws Exception {
        Analysis a = new ProductPageAnalyzer().analyze(TestPages.read("pages/jsonld-graph.html"),
                "https://outdoor.example/p/trail-runner-2", null, null);
        JsonNode json = Json.parse(Json.write(a));
        assertEquals("Trail Runner 2 & More", json.path("product_info").path("title").asText());
        assertEquals("129.5", json.path("product_info").path("price").asText());
        assertTrue(json.path("product_info").has("review_count"));
        assertTrue(json.path("product_info").has("raw_data"));
        assertTrue(json.has("detected_platform"));
        assertTrue(json.has("platform_confidence"));
        assertTrue(json.path("platform_indicators").isArray());
    }

    @Test
    void emptyOrBrokenInputGivesAnEmptyResult() {
        for (String html : new String[] {null, "", "<<<>>>", "\uFFFF"}) {
            Analysis a = new ProductPageAnalyzer().analyze(html, null, null, null);
            assertNull(a.detectedPlatform());
            assertEquals(0.0, a.platformConfidence());
            assertNull(a.productInfo().price());
        }
    }
}
