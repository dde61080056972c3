package dev.gleaner.local.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the runner as a child process, mid-collection and mid-scrape, then a restart
 * on the same {@code --data}: both tasks complete, as the same tasks, with exactly what a run
 * without the crash stores, and only the pages of the batch in flight are fetched again.
 */
class CrashRecoveryTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BASE = "/api/v1/async-collection";
    private static final int PAGES = 12;
    private static final int PER_PAGE = 10;
    /** List pages per CollectBatch call in the runners of this test (GLEANER_PAGES_PER_CALL). */
    private static final int PAGES_PER_CALL = 3;
    private static final String PRODUCT = """
            <!doctype html><html><head><title>Trail Runner 2</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Trail Runner 2",
            "sku":"TR-2","offers":{"@type":"Offer","price":"129.90","priceCurrency":"USD",
            "availability":"https://schema.org/InStock"}}</script></head><body><h1>Trail Runner 2</h1></body></html>""";

    @TempDir
    Path crashed;
    @TempDir
    Path clean;

    private FixtureServer sources;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void sources() {
        sources = FixtureServer.start();
        // Babitalk reviews of 2025-01-15: 12 pages of 10, each answering after 300 ms (a batch is PAGES_PER_CALL pages).
        SourceFixtures.generatedReviews(sources, 500_000, PAGES, PER_PAGE, Duration.ofMillis(300));
        // A product page that takes its time, so that the scrape is running when the runner dies (long
        // enough for a batch of the collection to be stored meanwhile, even on a loaded machine).
        sources.on("GET", "/products/trail-runner").reply(200, PRODUCT).header("Content-Type", "text/html; charset=utf-8")
                .stallBeforeHeaders(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        children.forEach(Process::destroyForcibly);
        sources.close();
    }

    /** A runner in its own JVM, on the fixture sources, keeping its data in {@code data}. */
    private Runner launch(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.gleaner.local.Main", "--port", "0", "--data", data.toString());
        Map<String, String> env = pb.environment();
        env.put(Env.DELAY_FACTOR, "0");
        env.put(Env.PAGES_PER_CALL, Integer.toString(PAGES_PER_CALL)); // batches smaller than the source: a crash lands mid-way
        env.put(Env.ALLOW_LOOPBACK_FETCH, "true");
        for (String variable : List.of(Env.BABITALK_API_URL, Env.GANGNAMUNNI_URL,
                Env.GANGNAMUNNI_REVIEWS_URL, Env.NAVER_CAFE_API_URL,
                Env.NAVER_CAFE_ARTICLE_URL)) {
            env.put(variable, sources.origin());
        }
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        children.add(p);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            Pattern listening = Pattern.compile("listening on [^ ]+:(\\d+) ");
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = listening.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process died
            }
            port.completeExceptionally(new AssertionError("the runner ended before it listened"));
        }, "runner-output");
        reader.setDaemon(true);
        reader.start();
        return new Runner(p, "http://127.0.0.1:" + port.get(120, TimeUnit.SECONDS));
    }

    private record Runner(Process process, String base) {
        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode json(String path) throws Exception {
            return Json.parse(send("GET", path, null).body());
        }

        String startCollection() throws Exception {
            HttpResponse<String> r = send("POST", BASE + "/babitalk/start",
                    "{\"target_date\": \"" + SourceFixtures.TARGET_DATE + "\", \"categories\": [\"reviews\"]}");
            assertEquals(202, r.statusCode(), r.body());
            return Json.parse(r.body()).get("task_id").asText();
        }

        String startScrape(String url) throws Exception {
            HttpResponse<String> r = send("POST", "/scrape", "{\"url\": \"" + url + "\"}");
            assertEquals(202, r.statusCode(), r.body());
            return Json.parse(r.body()).get("task_id").asText();
        }

        /** kill -9: no shutdown hook, nothing flushed but what was already written. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the runner died");
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        // The project's one way to wait for a condition (as SelfHealingTest and ApiClient do).
        Awaitility.await(what).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    private static BooleanSupplier check(ThrowingCheck c) {
        return () -> {
            try {
                return c.ok();
            } catch (Exception e) {
                return false;
            }
        };
    }

    private interface ThrowingCheck {
        boolean ok() throws Exception;
    }

    /** What a finished collection stored: its records' source ids and its counts. */
    private static Finished finished(Runner r, String id) throws Exception {
        JsonNode task = r.json(BASE + "/task/" + id);
        Set<String> ids = new TreeSet<>();
        String token = null;
        do {
            JsonNode page = r.json(BASE + "/task/" + id + "/items?limit=200"
                    + (token == null ? "" : "&next_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
            page.get("items").forEach(i -> ids.add(i.get("source_id").asText()));
            token = page.get("next_token").isNull() ? null : page.get("next_token").asText();
        } while (token != null);
        return new Finished(task.get("status").asText(), task.get("progress").asInt(),
                task.path("result_summary").path("totals").path("collected").asInt(), ids);
    }

    private record Finished(String status, int progress, int collected, Set<String> sourceIds) {}

    /** How many times each page of the reviews list was fetched since the {@code skip}-th request, by its cursor. */
    private Map<String, Integer> pageFetches(int skip) {
        Map<String, Integer> fetches = new TreeMap<>();
        List<FixtureServer.Recorded> all = sources.requests(SourceFixtures.BABITALK_REVIEWS);
        for (FixtureServer.Recorded r : all.subList(skip, all.size())) {
            fetches.merge(r.query("search_after"), 1, Integer::sum);
        }
        return fetches;
    }

    @Test
    void aRunnerKilledMidCollectionAndMidScrapeFinishesBothAfterARestartWithExactlyWhatACleanRunStores()
            throws Exception {
        String page = sources.origin() + "/products/trail-runner";

        // The reference: the same collection and scrape, no crash.
        Runner reference = launch(clean);
        String referenceTask = reference.startCollection();
        String referenceScrape = reference.startScrape(page);
        waitFor("the clean collection finished", check(() -> reference.json(BASE + "/task/" + referenceTask)
                .get("status").asText().equals("completed")));
        waitFor("the clean scrape finished", check(() -> reference.json("/tasks/" + referenceScrape + "/result")
                .get("status").asText().equals("completed")));
        Finished expected = finished(reference, referenceTask);
        JsonNode expectedProduct = reference.json("/tasks/" + referenceScrape + "/result").get("product_info");
        reference.stop();
        assertEquals(PAGES * PER_PAGE, expected.sourceIds().size());
        assertTrue(pageFetches(0).values().stream().allMatch(n -> n == 1), "a clean run fetches each page once");
        int skip = sources.requests(SourceFixtures.BABITALK_REVIEWS).size();

        // The same again, killed while the collection is part-way and the scrape is fetching its page.
        Runner first = launch(crashed);
        String scrape = first.startScrape(page);
        waitFor("the scrape fetching its page", check(() -> first.json("/tasks/" + scrape).get("status").asText()
                .equals("running")));
        String task = first.startCollection();
        waitFor("part of the collection stored and the scrape running", check(() -> {
            JsonNode t = first.json(BASE + "/task/" + task);
            return t.get("progress").asInt() >= PAGES_PER_CALL * PER_PAGE && t.get("progress").asInt() < PAGES * PER_PAGE
                    && first.json("/tasks/" + scrape).get("status").asText().equals("running");
        }));
        first.kill();
        Map<String, Integer> beforeCrash = pageFetches(skip);
        assertTrue(beforeCrash.size() < PAGES, "killed before the last page: " + beforeCrash);

        Runner second = launch(crashed);
        waitFor("the collection finished after the restart", check(() -> second.json(BASE + "/task/" + task)
                .get("status").asText().equals("completed")));
        waitFor("the scrape finished after the restart", check(() -> second.json("/tasks/" + scrape + "/result")
                .get("status").asText().equals("completed")));
        Finished got = finished(second, task);
        assertEquals(expected, got, "the same records and counts as the clean run");
        JsonNode resumedTask = second.json(BASE + "/task/" + task);
        assertTrue(resumedTask.get("logs").toString().contains("재시작"), "the log says it was taken up again");
        assertEquals(expectedProduct, second.json("/tasks/" + scrape + "/result").get("product_info"));

        // Pages whose cursor was saved before the crash were not fetched again: only the batch in flight.
        Map<String, Integer> fetches = pageFetches(skip);
        int twice = 0;
        for (Map.Entry<String, Integer> e : fetches.entrySet()) {
            assertTrue(e.getValue() <= 2, "page " + e.getKey() + " fetched " + e.getValue() + " times");
            twice += e.getValue() - 1;
        }
        assertEquals(PAGES, fetches.size(), "every page fetched");
        assertTrue(twice <= PAGES_PER_CALL, "only the pages of the batch in flight were fetched again: " + fetches);
        second.stop();
        assertTrue(Files.exists(crashed.resolve("callback-secret")), "the data directory keeps its callback key");
    }
}
