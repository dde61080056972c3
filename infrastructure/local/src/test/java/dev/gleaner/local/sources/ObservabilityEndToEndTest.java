package dev.gleaner.local.sources;

import dev.gleaner.local.Teardown;
import static dev.gleaner.local.sources.SourceFixtures.GU_LIST;
import static dev.gleaner.local.sources.SourceFixtures.TARGET_DATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.Metric;
import dev.gleaner.core.metrics.Metrics;
import dev.gleaner.core.net.AddressPolicy;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.local.LocalOptions;
import dev.gleaner.local.LocalRunner;
import dev.gleaner.safehttp.SafeHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees, end to end on the local runner with the real collectors and the real
 * scrape worker: the EMF documents the handlers print (names, dimensions and values as CloudWatch
 * would extract them), the JSON log lines with their correlation fields, and {@code GET /metrics}
 * counting the same values in the Prometheus text format.
 */
class ObservabilityEndToEndTest {
    private static final int PER_CALL = CollectorOptions.MAX_PAGES_PER_CALL;
    private static final int REVIEW_PAGES = 2;
    private static final int TALK_PAGES = 4;
    /** CollectBatch calls of the Babitalk collection: its review pages and talk pages, up to PER_CALL a call. */
    private static final int BABITALK_BATCHES = calls(REVIEW_PAGES) + calls(TALK_PAGES);

    private static int calls(int pages) {
        return (pages + PER_CALL - 1) / PER_CALL;
    }
    private static final String PRODUCT = """
            <!doctype html><html><head><title>Trail Runner 2</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Trail Runner 2",
            "sku":"TR-2","brand":{"@type":"Brand","name":"Acme"},"image":["https://cdn.example.com/tr2.jpg"],
            "offers":{"@type":"Offer","price":"129.90","priceCurrency":"USD","availability":"https://schema.org/InStock"}}</script>
            </head><body><h1>Trail Runner 2</h1></body></html>""";

    private static final String TOKEN = "gu-tok-obs-SECRET-5d2e";
    private static final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private static FixtureServer sources;
    private static HttpServer pages;
    private static LocalRunner runner;
    private static ApiClient api;
    private static String shop;

    @BeforeAll
    static void start() throws Exception {
        sources = FixtureServer.start();
        SourceFixtures.babitalk(sources, Duration.ZERO);
        // Gangnam Unni answers a list without its "data": the shape changed, the category fails.
        sources.on("GET", GU_LIST).query("categoryIds", 11).reply(200, "{\"reason\":\"SUCCESS\",\"items\":[]}");
        pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/", exchange -> {
            boolean product = exchange.getRequestURI().getPath().equals("/products/trail-runner");
            byte[] body = (product ? PRODUCT : "<html><body>gone</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(product ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pages.start();
        shop = "http://shop.example.com:" + pages.getAddress().getPort();
        SafeHttpClient fetcher = SafeHttpClient.builder().addressPolicy(AddressPolicy.LOOPBACK_FOR_TESTS)
                .resolver(host -> List.of(InetAddress.getLoopbackAddress())).maxAttempts(1).build();
        runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null),
                new LocalRunner.Overrides(RealSources.at(sources), null, fetcher, 1));
        // Every line the handlers print, as the log group would get it: log lines and EMF documents
        // (kept here, and still printed, so that the secrets check sees them too).
        PrintStream console = System.out;
        StructuredLog.redirect(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                lines.write(b);
                console.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                lines.write(b, off, len);
                console.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        Metrics.sink(Metrics.both(Metrics.EMF, Metrics.sink()));
        api = new ApiClient(runner.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        StructuredLog.redirect(null);
        Metrics.sink(Metrics.EMF);
        Teardown.closeAll(runner, sources);
        if (pages != null) {
            pages.stop(0);
        }
    }

    @Test
    void aCollectionAndAScrapeAsCloudWatchAndPrometheusSeeThem() throws Exception {
        String babitalk = api.start("babitalk", "{\"target_date\": \"" + TARGET_DATE + "\", \"categories\": [\"reviews\", \"talks\"]}");
        String gangnamunni = api.start("gangnamunni", "{\"target_date\": \"" + TARGET_DATE
                + "\", \"categories\": [\"hospital_question\"], \"token\": \"" + TOKEN + "\"}");
        JsonNode done = last(api.pollUntilFinished(babitalk));
        JsonNode failed = last(api.pollUntilFinished(gangnamunni));
        assertEquals("completed", done.get("status").asText(), done.toString());
        assertEquals("failed", failed.get("status").asText(), failed.toString());
        ApiClient.waitFor("both slots released", () -> runner.slots().holderCount() == 0);

        JsonNode scraped = scrape("{\"url\": \"" + shop + "/products/trail-runner\"}", 202);
        // The worker caches the result right after storing it, then logs "scrape completed".
        ApiClient.waitFor("the result cached", () -> parsed().stream().anyMatch(l -> l.path("message").asText()
                .equals("scrape completed") && l.path("task_id").asText().equals(scraped.get("task_id").asText())));
        JsonNode cached = scrape("{\"url\": \"" + shop + "/products/trail-runner\"}", 200);
        JsonNode gone = scrape("{\"url\": \"" + shop + "/products/gone\"}", 202);
        assertEquals("completed", scraped.get("status").asText(), scraped.toString());
        assertTrue(cached.get("cache_hit").asBoolean());
        assertEquals("failed", gone.get("status").asText(), gone.toString());

        List<JsonNode> all = parsed();
        List<JsonNode> emf = all.stream().filter(l -> l.has("_aws")).toList();
        List<JsonNode> logs = all.stream().filter(l -> l.has("level")).toList();

        // --- EMF: every document is well formed, in the Gleaner namespace, naming only known metrics
        for (JsonNode doc : emf) {
            assertEmf(doc);
        }
        // The Babitalk collection: started, posts and new records per category (4 reviews, 3 talks), completed.
        assertEquals(1, sum(emf, "CollectionsStarted", Map.of("Platform", "babitalk"), babitalk));
        assertEquals(4, sum(emf, "PostsCollected", Map.of("Platform", "babitalk", "Category", "reviews"), babitalk));
        assertEquals(3, sum(emf, "PostsCollected", Map.of("Platform", "babitalk", "Category", "talks"), babitalk));
        assertEquals(7, sum(emf, "NewRecords", Map.of("Platform", "babitalk"), babitalk));
        assertEquals(1, sum(emf, "CollectionsCompleted", Map.of("Platform", "babitalk"), babitalk));
        assertEquals(0, sum(emf, "CollectionsFailed", Map.of(), babitalk));
        assertEquals(1, docs(emf, "SlotWaitTime", Map.of("Platform", "babitalk"), babitalk).size(), "one wait for a slot");
        assertTrue(docs(emf, "SlotsInUse", Map.of(), babitalk).stream().allMatch(d -> d.get("SlotsInUse").asInt() >= 1),
                "the slots in use once this task held one");
        assertFalse(docs(emf, "SlotsInUse", Map.of(), babitalk).isEmpty());
        long batches = docs(emf, "BatchDuration", Map.of("Platform", "babitalk"), babitalk).size();
        assertEquals(BABITALK_BATCHES, batches,
                "CollectBatch calls of up to " + PER_CALL + " pages for the 2 review pages and the 4 talk pages");
        // Gangnam Unni: the shape change is a source error of that kind, and the collection failed at its source.
        assertEquals(1, sum(emf, "SourceErrors", Map.of("Platform", "gangnamunni", "Kind", "shape_change"), gangnamunni));
        assertEquals(1, sum(emf, "CollectionsFailed", Map.of("Platform", "gangnamunni", "Cause", "source"), gangnamunni));
        assertEquals(0, sum(emf, "CollectionsCompleted", Map.of(), gangnamunni));
        // Scrapes: queued, completed with the fields found, a cache hit, a failed fetch.
        String scrapeId = scraped.get("task_id").asText();
        assertEquals(1, sum(emf, "ScrapesSubmitted", Map.of(), scrapeId));
        String platform = scraped.get("detected_platform").isNull() ? "unknown" : scraped.get("detected_platform").asText();
        assertEquals(1, sum(emf, "ScrapesCompleted", Map.of("Platform", platform), scrapeId));
        assertEquals(fieldsIn(scraped.get("product_info")), sum(emf, "ExtractionFieldsFound", Map.of("Platform", platform), scrapeId));
        assertEquals(1, sum(emf, "ScrapeCacheHits", Map.of(), cached.get("task_id").asText()));
        assertEquals(1, sum(emf, "ScrapesFailed", Map.of("Cause", "fetch"), gone.get("task_id").asText()));

        // --- log lines: correlated, one JSON object each
        for (JsonNode line : logs) {
            assertTrue(line.has("timestamp") && line.has("message"), line.toString());
            if (line.has("function")) {
                assertTrue(line.hasNonNull("request_id"), "a handler's line names its request: " + line);
            }
        }
        List<JsonNode> batchLines = logs.stream().filter(l -> l.path("message").asText().equals("batch collected")
                && l.path("task_id").asText().equals(babitalk)).toList();
        assertEquals(BABITALK_BATCHES, batchLines.size());
        Set<String> batchKeys = new TreeSet<>();
        for (JsonNode l : batchLines) {
            assertEquals("CollectBatchFunction", l.get("function").asText());
            assertEquals("babitalk", l.get("platform").asText());
            batchKeys.add(l.get("category").asText() + "#" + l.get("batch").asInt());
        }
        Set<String> expectedKeys = new TreeSet<>();
        for (int b = 1; b <= calls(REVIEW_PAGES); b++) {
            expectedKeys.add("reviews#" + b);
        }
        for (int b = 1; b <= calls(TALK_PAGES); b++) {
            expectedKeys.add("talks#" + b);
        }
        assertEquals(expectedKeys, batchKeys);
        assertTrue(logs.stream().anyMatch(l -> l.path("message").asText().startsWith("source failed")
                && l.path("task_id").asText().equals(gangnamunni) && l.path("category").asText().equals("hospital_question")),
                "the source failure is logged with its task and category");
        for (String message : List.of("collection started", "collection completed")) {
            assertTrue(logs.stream().anyMatch(l -> l.path("message").asText().equals(message)
                    && l.path("task_id").asText().equals(babitalk) && l.hasNonNull("function")), message);
        }
        assertTrue(logs.stream().anyMatch(l -> l.path("message").asText().equals("scrape completed")
                && l.path("task_id").asText().equals(scrapeId) && l.path("function").asText().equals("ScrapeWorkerFunction")));
        assertFalse(all.stream().anyMatch(l -> l.path("message").asText().startsWith("metric left out")),
                "every emission names the dimensions its metrics need");
        // Each EMF document leads back to the log lines of its invocation.
        JsonNode firstBatch = docs(emf, "BatchDuration", Map.of("Platform", "babitalk"), babitalk).get(0);
        assertTrue(logs.stream().anyMatch(l -> l.path("request_id").asText().equals(firstBatch.get("request_id").asText())
                && l.path("message").asText().equals("batch collected")));

        // --- GET /metrics: the same counters
        HttpResponse<String> m = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, m.statusCode());
        assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        Map<String, Double> prom = prometheus(m.body());
        assertEquals(1.0, prom.get("gleaner_collections_started_total{platform=babitalk}"), m.body());
        assertEquals(1.0, prom.get("gleaner_collections_started_total{platform=gangnamunni}"));
        assertEquals(4.0, prom.get("gleaner_posts_collected_total{category=reviews,platform=babitalk}"));
        assertEquals(3.0, prom.get("gleaner_new_records_total{category=talks,platform=babitalk}"));
        assertEquals(1.0, prom.get("gleaner_collections_completed_total{platform=babitalk}"));
        assertEquals(1.0, prom.get("gleaner_collections_failed_total{cause=source,platform=gangnamunni}"));
        assertEquals(1.0, prom.get("gleaner_source_errors_total{kind=shape_change,platform=gangnamunni}"));
        assertEquals((double) BABITALK_BATCHES, prom.get("gleaner_batch_duration_milliseconds_count{platform=babitalk}"));
        assertEquals(1.0, prom.get("gleaner_scrape_cache_hits_total"));
        assertEquals(2.0, prom.get("gleaner_scrapes_submitted_total"), "the first scrape and the 404 were queued, the cache hit not");
        assertEquals(1.0, prom.get("gleaner_scrapes_completed_total{platform=" + platform + "}"));
        assertEquals(1.0, prom.get("gleaner_scrapes_failed_total{cause=fetch}"));
        for (JsonNode doc : emf) {
            for (JsonNode directive : doc.at("/_aws/CloudWatchMetrics")) {
                for (JsonNode metric : directive.get("Metrics")) {
                    Metric known = Metric.byName(metric.get("Name").asText()).orElseThrow();
                    String name = known.prometheusName() + (known.type() == Metric.Type.COUNTER ? "_total" : "");
                    assertTrue(m.body().contains("# HELP " + name + " "), name + " is served once it has a value");
                }
            }
        }
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
        assertTrue(Json.parse(post.body()).has("error"));
    }

    private static JsonNode scrape(String body, int expectedStatus) throws Exception {
        HttpResponse<String> r = api.send("POST", "/scrape", body);
        assertEquals(expectedStatus, r.statusCode(), r.body());
        String id = Json.parse(r.body()).get("task_id").asText();
        JsonNode[] result = new JsonNode[1];
        ApiClient.waitFor("scrape " + id + " finished", () -> {
            result[0] = Json.parse(api.send("GET", "/tasks/" + id + "/result", null).body());
            return Set.of("completed", "failed").contains(result[0].path("status").asText());
        });
        return result[0];
    }

    private static JsonNode last(List<JsonNode> states) {
        return states.get(states.size() - 1);
    }

    private static List<JsonNode> parsed() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        String text = lines.toString(StandardCharsets.UTF_8);
        // Complete lines only: a handler may be writing the next one.
        for (String l : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (!l.isBlank()) {
                out.add(Json.parse(l)); // every line is one JSON object
            }
        }
        return out;
    }

    private static void assertEmf(JsonNode doc) {
        JsonNode aws = doc.get("_aws");
        assertTrue(aws.get("Timestamp").isIntegralNumber(), doc.toString());
        assertTrue(aws.get("CloudWatchMetrics").size() > 0, doc.toString());
        for (JsonNode directive : aws.get("CloudWatchMetrics")) {
            assertEquals(Metrics.NAMESPACE, directive.get("Namespace").asText());
            for (JsonNode set : directive.get("Dimensions")) {
                for (JsonNode d : set) {
                    assertTrue(doc.get(d.asText()).isTextual(), "dimension " + d + " has its value in " + doc);
                }
            }
            for (JsonNode metric : directive.get("Metrics")) {
                Metric known = Metric.byName(metric.get("Name").asText()).orElseThrow(() -> new AssertionError("unknown " + metric));
                assertEquals(known.unit().cloudWatchName(), metric.get("Unit").asText());
                assertTrue(doc.get(known.metricName()).isNumber(), doc.toString());
                List<List<String>> declared = known.dimensionSets().stream()
                        .map(s -> s.stream().map(dd -> dd.cloudWatchName()).toList()).toList();
                List<List<String>> emitted = new ArrayList<>();
                directive.get("Dimensions").forEach(s -> {
                    List<String> names = new ArrayList<>();
                    s.forEach(n -> names.add(n.asText()));
                    emitted.add(names);
                });
                assertEquals(declared, emitted, known + " is published under its declared dimension sets");
            }
        }
        assertNotNull(doc.get("function"), "the document names its function: " + doc);
    }

    /** The documents of one task that carry {@code metric} with these dimension values. */
    private static List<JsonNode> docs(List<JsonNode> emf, String metric, Map<String, String> dims, String taskId) {
        return emf.stream().filter(d -> d.has(metric) && taskId.equals(d.path("task_id").asText()))
                .filter(d -> dims.entrySet().stream().allMatch(e -> e.getValue().equals(d.path(e.getKey()).asText())))
                .toList();
    }

    private static long sum(List<JsonNode> emf, String metric, Map<String, String> dims, String taskId) {
        return docs(emf, metric, dims, taskId).stream().mapToLong(d -> d.get(metric).asLong()).sum();
    }

    private static long fieldsIn(JsonNode productInfo) {
        long n = 0;
        for (String f : ProductInfo.FIELDS) {
            JsonNode v = productInfo.get(f);
            if (v != null && !v.isNull() && !(v.isTextual() && v.asText().isBlank()) && !(v.isArray() && v.isEmpty())) {
                n++;
            }
        }
        return n;
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(?:\\{([^}]*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    /** Samples as {@code name{label=value,…}} (labels sorted) to value. */
    private static Map<String, Double> prometheus(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Set<String> labels = new TreeSet<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.add(l.group(1) + "=" + l.group(2));
                }
            }
            out.put(m.group(1) + (labels.isEmpty() ? "" : "{" + String.join(",", labels) + "}"), Double.parseDouble(m.group(3)));
        }
        return out;
    }
}
