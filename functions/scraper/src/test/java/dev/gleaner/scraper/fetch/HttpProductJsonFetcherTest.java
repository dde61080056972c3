package dev.gleaner.scraper.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.net.AddressPolicy;
import dev.gleaner.safehttp.FetchRequest;
import dev.gleaner.safehttp.LoopbackServer;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.scraper.Analysis;
import dev.gleaner.scraper.ProductPageAnalyzer;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a loopback MockWebServer, with the explicit test opt-in. */
class HttpProductJsonFetcherTest {
    /** Enough of a Shopify product page for detection to name the platform and ask for its product JSON. */
    private static final String SHOPIFY_PAGE = """
            <!doctype html><html><head><title>Linen Shirt</title>
            <meta name="shopify-checkout-api-token" content="0123456789abcdef">
            <script src="//cdn.shopify.com/s/files/1/0000/0001/t/3/assets/theme.js" defer></script>
            <script>Shopify.shop = "monoshop.myshopify.com";</script>
            </head><body><h1>Linen Shirt</h1></body></html>
            """;

    private final MockWebServer server = LoopbackServer.start();
    private final SafeHttpClient client =
            SafeHttpClient.builder().addressPolicy(AddressPolicy.LOOPBACK_FOR_TESTS).maxAttempts(1).build();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void fetchesShopifyProductJsonWithThePageRequestsHeaders() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("{\"product\":{\"title\":\"Linen Shirt\",\"variants\":[{\"price\":\"59000.00\"}],\"images\":[]}}").build());
        String base = "http://127.0.0.1:" + server.getPort();
        FetchRequest page = FetchRequest.html(base + "/products/linen-shirt").withLanguage("ko").withUserAgent("UA/1");
        ProductPageAnalyzer analyzer = new ProductPageAnalyzer(new HttpProductJsonFetcher(client, page));
        Analysis a = analyzer.analyze(SHOPIFY_PAGE, base + "/products/linen-shirt", null, null);
        assertEquals("Linen Shirt", a.productInfo().title());
        RecordedRequest req = server.takeRequest();
        assertEquals("/products/linen-shirt.json", req.getTarget());
        assertEquals("UA/1", req.getHeaders().get("User-Agent"));
        assertTrue(req.getHeaders().get("Accept-Language").startsWith("ko-KR"));
        assertTrue(req.getHeaders().get("Accept").startsWith("application/json"));
    }

    @Test
    void failuresAreEmpty() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        String base = "http://127.0.0.1:" + server.getPort();
        HttpProductJsonFetcher f = new HttpProductJsonFetcher(client, FetchRequest.html(base));
        assertEquals(Optional.empty(), f.fetch(base + "/products/x.json"));
        HttpProductJsonFetcher strict = new HttpProductJsonFetcher(SafeHttpClient.builder().addressPolicy(AddressPolicy.STRICT).build(),
                FetchRequest.html(base));
        assertEquals(Optional.empty(), strict.fetch(base + "/products/x.json"));
        assertEquals(1, server.getRequestCount());
    }
}
