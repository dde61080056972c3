package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.net.AddressPolicy;
import dev.gleaner.core.task.TaskIds;
import dev.gleaner.safehttp.SafeHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Product scraping end to end on the local runner: the seed's polling client over HTTP, the
 * embedded SQS queue and its dead-letter queue, the worker, DynamoDB Local, and a page server on
 * loopback reached through a public-looking name (a test resolver maps every name to 127.0.0.1).
 */
class ScrapeEndToEndTest {
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    /** A proxy password: LogsKeepSecretsExtension fails the class if any line it printed contains it. */
    private static final String PROXY_PASSWORD = "pw-SECRET-proxy-61c7";
    private static HttpServer pages;
    /** A proxy that refuses every request, with or without credentials (407). */
    private static HttpServer refusingProxy;
    private static final AtomicInteger PROXY_AUTHORIZED = new AtomicInteger();
    private static LocalRunner runner;
    private static String shop;

    private static final String PRODUCT = """
            <!doctype html><html><head><title>Trail Runner 2</title>
            <meta property="og:title" content="Trail Runner 2">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Trail Runner 2",
            "sku":"TR-2","brand":{"@type":"Brand","name":"Acme"},"image":["/img/tr2.jpg","/img/tr2.jpg","https://cdn.example.com/tr2-side.jpg"],
            "offers":{"@type":"Offer","price":"129.90","priceCurrency":"USD","availability":"https://schema.org/InStock"},
            "aggregateRating":{"@type":"AggregateRating","ratingValue":"4.6","reviewCount":"87"}}</script>
            </head><body><h1>Trail Runner 2</h1></body></html>""";

    @BeforeAll
    static void start() throws Exception {
        pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            HITS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body;
            String type = "text/html; charset=utf-8";
            int status = 200;
            switch (path) {
                case "/products/trail-runner", "/products/cached" -> body = PRODUCT.getBytes(StandardCharsets.UTF_8);
                case "/manual.pdf" -> {
                    body = "%PDF-1.4 ...".getBytes(StandardCharsets.UTF_8);
                    type = "application/pdf";
                }
                case "/huge" -> body = ("<html><body>" + "x".repeat(6 * 1024 * 1024) + "</body></html>").getBytes(StandardCharsets.UTF_8);
                case "/slow" -> {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    body = PRODUCT.getBytes(StandardCharsets.UTF_8);
                }
                default -> {
                    status = 404;
                    body = "<html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8);
                }
            }
            exchange.getResponseHeaders().add("Content-Type", type);
            try {
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            } catch (IOException clientGone) {
                // the fetcher gave up (timeout, size cap)
            }
            exchange.close();
        });
        pages.setExecutor(Executors.newFixedThreadPool(4));
        pages.start();
        shop = "http://shop.example.com:" + pages.getAddress().getPort();
        refusingProxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        refusingProxy.createContext("/", exchange -> {
            if (exchange.getRequestHeaders().getFirst("Proxy-Authorization") != null) {
                PROXY_AUTHORIZED.incrementAndGet();
            }
            exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"test\"");
            exchange.sendResponseHeaders(407, -1);
            exchange.close();
        });
        refusingProxy.start();
        SafeHttpClient fetcher = SafeHttpClient.builder().addressPolicy(AddressPolicy.LOOPBACK_FOR_TESTS)
                .resolver(host -> List.of(InetAddress.getLoopbackAddress()))
                .readTimeout(Duration.ofMillis(700)).totalTimeout(Duration.ofSeconds(2)).maxAttempts(1).build();
        runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null),
                new LocalRunner.Overrides(null, null, fetcher, 1));
    }

    @AfterAll
    static void stop() {
        runner.close();
        pages.stop(0);
        refusingProxy.stop(0);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return ContractHttp.send(b.build());
    }

    /** The seed's Python/JavaScript client: POST /scrape, then poll /tasks/{id}/result until final. */
    private static JsonNode scrapeAndPoll(String body) throws Exception {
        HttpResponse<String> started = send("POST", "/scrape", body);
        assertTrue(started.statusCode() == 202 || started.statusCode() == 200, started.body());
        String taskId = Json.parse(started.body()).get("task_id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode result = Json.parse(send("GET", "/tasks/" + taskId + "/result", null).body());
            if (List.of("completed", "failed").contains(result.get("status").asText())) {
                return result;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("scrape " + taskId + " did not finish");
    }

    @Test
    void scrapePollCompletedThenACacheHitThenAForcedRefresh() throws Exception {
        String url = shop + "/products/trail-runner?utm_source=mail";
        HttpResponse<String> started = send("POST", "/scrape", "{\"url\": \"" + url + "\", \"target_language\": \"en\"}");
        assertEquals(202, started.statusCode());
        JsonNode pending = Json.parse(started.body());
        assertEquals(List.of("task_id", "status", "url", "created_at", "product_info", "error", "completed_at", "cache_hit",
                "detected_platform", "platform_confidence", "platform_indicators", "target_language", "translated"),
                names(pending));
        assertEquals("pending", pending.get("status").asText());
        assertFalse(pending.get("cache_hit").asBoolean());

        JsonNode status = Json.parse(send("GET", "/tasks/" + pending.get("task_id").asText(), null).body());
        assertEquals(List.of("task_id", "status", "progress", "message", "created_at", "updated_at", "target_language"),
                names(status));

        JsonNode done = scrapeAndPoll("{\"url\": \"" + url + "\", \"target_language\": \"en\", \"force_refresh\": true}");
        assertEquals("completed", done.get("status").asText(), done.toString());
        JsonNode info = done.get("product_info");
        assertEquals("Trail Runner 2", info.get("title").asText());
        assertEquals(129.90, info.get("price").asDouble(), 0.001);
        assertEquals("USD", info.get("currency").asText());
        assertEquals("In Stock", info.get("availability").asText());
        assertEquals("Acme", info.get("brand").asText());
        assertEquals(87, info.get("review_count").asInt());
        assertEquals(2, info.get("images").size(), "absolute and unique");
        assertTrue(info.get("images").get(0).asText().startsWith("http://shop.example.com:"));
        assertNotNull(done.get("completed_at").textValue());
        assertFalse(done.get("translated").asBoolean(), "no translator locally");

        int fetches = HITS.get("/products/trail-runner").get();
        HttpResponse<String> cached = send("POST", "/scrape", "{\"url\": \"" + shop + "/products/trail-runner\", \"target_language\": \"en\"}");
        assertEquals(200, cached.statusCode(), cached.body());
        JsonNode hit = Json.parse(cached.body());
        assertEquals("completed", hit.get("status").asText());
        assertTrue(hit.get("cache_hit").asBoolean());
        assertEquals("Trail Runner 2", hit.at("/product_info/title").asText());
        assertEquals("completed", Json.parse(send("GET", "/tasks/" + hit.get("task_id").asText() + "/result", null).body())
                .get("status").asText(), "a cache hit is a stored task too");
        assertEquals(fetches, HITS.get("/products/trail-runner").get(), "served from the cache");

        HttpResponse<String> otherLanguage = send("POST", "/scrape", "{\"url\": \"" + url + "\", \"target_language\": \"ko\"}");
        assertEquals(202, otherLanguage.statusCode(), "the cache is per language");

        JsonNode refreshed = scrapeAndPoll("{\"url\": \"" + url + "\", \"target_language\": \"en\", \"force_refresh\": true}");
        assertEquals("completed", refreshed.get("status").asText());
        assertFalse(refreshed.get("cache_hit").asBoolean());
        assertTrue(HITS.get("/products/trail-runner").get() > fetches, "force_refresh fetched the page again");
    }

    @Test
    void brokenPagesEndFailedWithAClearErrorAndAreNotCached() throws Exception {
        JsonNode missing = scrapeAndPoll("{\"url\": \"" + shop + "/gone\"}");
        assertEquals("failed", missing.get("status").asText());
        assertTrue(missing.get("error").asText().contains("404"), missing.get("error").asText());
        assertTrue(missing.get("product_info").isNull());

        JsonNode pdf = scrapeAndPoll("{\"url\": \"" + shop + "/manual.pdf\"}");
        assertEquals("failed", pdf.get("status").asText());
        assertTrue(pdf.get("error").asText().contains("not HTML"), pdf.get("error").asText());

        JsonNode huge = scrapeAndPoll("{\"url\": \"" + shop + "/huge\"}");
        assertEquals("failed", huge.get("status").asText());
        assertTrue(huge.get("error").asText().contains("larger than"), huge.get("error").asText());

        // A timeout is transient: the message is delivered again (3 times), then the task fails.
        JsonNode slow = scrapeAndPoll("{\"url\": \"" + shop + "/slow\"}");
        assertEquals("failed", slow.get("status").asText());
        assertTrue(slow.get("error").asText().toLowerCase().contains("timeout")
                || slow.get("error").asText().toLowerCase().contains("timed out"), slow.get("error").asText());
        assertTrue(HITS.get("/slow").get() >= 3, "retried through redelivery: " + HITS.get("/slow").get());

        HttpResponse<String> again = send("POST", "/scrape", "{\"url\": \"" + shop + "/gone\"}");
        assertEquals(202, again.statusCode(), "failures are not cached");
    }

    @Test
    void aProxyThatRefusesTheCredentialsFailsTheScrapeWithoutShowingThem() throws Exception {
        String proxy = "http://scrapeuser:" + PROXY_PASSWORD + "@proxy.example.com:" + refusingProxy.getAddress().getPort();
        JsonNode refused = scrapeAndPoll("{\"url\": \"" + shop + "/products/trail-runner?via=proxy\", \"proxy\": \"" + proxy + "\"}");
        assertEquals("failed", refused.get("status").asText(), refused.toString());
        assertTrue(refused.get("error").asText().contains("407"), refused.get("error").asText());
        assertTrue(PROXY_AUTHORIZED.get() >= 1, "the credentials were offered to the proxy");
        assertFalse(refused.toString().contains(PROXY_PASSWORD), refused.toString());
        assertFalse(refused.toString().contains("scrapeuser"), refused.toString());
        // The worker's and the API's log lines are checked for PROXY_PASSWORD by LogsKeepSecretsExtension.
    }

    private static boolean queueDrained() {
        Map<QueueAttributeName, String> a = runner.queues().client()
                .getQueueAttributes(b -> b.queueUrl(runner.queues().queueUrl()).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return a.values().stream().allMatch("0"::equals);
    }

    @Test
    void aRedeliveredMessageDoesNotCreateASecondResult() throws Exception {
        JsonNode done = scrapeAndPoll("{\"url\": \"" + shop + "/products/cached?v=redelivery\", \"force_refresh\": true}");
        String id = done.get("task_id").asText();
        int hits = HITS.get("/products/cached").get();
        runner.queues().client().sendMessage(b -> b.queueUrl(runner.queues().queueUrl()).messageBody(TaskIds.message(id)));
        // wait until the worker has taken the message and deleted it (nothing visible, nothing in flight)
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!queueDrained()) {
            assertTrue(System.nanoTime() < deadline, "the redelivered message was not consumed in 30 s");
            Thread.sleep(20);
        }
        JsonNode after = Json.parse(send("GET", "/tasks/" + id + "/result", null).body());
        assertEquals(done.get("completed_at"), after.get("completed_at"));
        assertEquals(hits, HITS.get("/products/cached").get(), "the finished task was not fetched again");
    }

    @Test
    void submissionsAreValidatedAndSsrfTargetsRefusedAt400() throws Exception {
        for (String[] c : new String[][] {
                {"{}", "url"}, {"{\"url\": 5}", "url"}, {"{\"url\": \"ftp://example.com/a\"}", "url"},
                {"{\"url\": \"file:///etc/passwd\"}", "url"}, {"{\"url\": \"http://127.0.0.1:8080/\"}", "url"},
                {"{\"url\": \"http://169.254.169.254/latest/meta-data/\"}", "url"}, {"{\"url\": \"http://[::1]/\"}", "url"},
                {"{\"url\": \"http://2130706433/\"}", "url"}, {"{\"url\": \"http://0x7f000001/\"}", "url"},
                {"{\"url\": \"http://10.0.0.1/\"}", "url"}, {"{\"url\": \"http://localhost/\"}", "url"},
                {"{\"url\": \"https://example.com/p\", \"force_refresh\": \"yes\"}", "force_refresh"},
                {"{\"url\": \"https://example.com/p\", \"target_language\": \"english\"}", "target_language"},
                {"{\"url\": \"https://example.com/p\", \"user_agent\": \"" + "a".repeat(600) + "\"}", "user_agent"},
                {"{\"url\": \"https://example.com/p\", \"proxy\": \"http://user:pw@192.168.1.1:3128\"}", "proxy"},
                {"{\"url\": \"https://example.com/p\", \"proxy\": \"socks5://proxy.example.com:1080\"}", "proxy"}}) {
            HttpResponse<String> r = send("POST", "/scrape", c[0]);
            assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
            assertEquals(c[1], Json.parse(r.body()).get("field").asText(), c[0]);
            assertFalse(r.body().contains("pw@"), "the proxy's credentials are never echoed");
        }
        assertEquals(400, send("POST", "/scrape", "not json").statusCode());
        assertEquals(404, send("GET", "/tasks/" + UUID.randomUUID(), null).statusCode());
        assertEquals(400, send("GET", "/tasks/abc123def456/result", null).statusCode(), "a malformed id is a 400");
        assertEquals(405, send("DELETE", "/tasks/" + UUID.randomUUID(), null).statusCode());
    }

    private static List<String> names(JsonNode node) {
        List<String> n = new ArrayList<>();
        node.fieldNames().forEachRemaining(n::add);
        return n;
    }
}
