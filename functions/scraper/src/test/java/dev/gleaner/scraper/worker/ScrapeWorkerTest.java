package dev.gleaner.scraper.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.sun.net.httpserver.HttpServer;
import dev.gleaner.aws.scrape.DynamoScrapeStore;
import dev.gleaner.aws.tables.TestTables;
import dev.gleaner.core.net.AddressPolicy;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.core.scrape.ScrapeOutcome;
import dev.gleaner.core.scrape.ScrapeRequest;
import dev.gleaner.core.scrape.ScrapeStore;
import dev.gleaner.core.scrape.ScrapeTask;
import dev.gleaner.core.scrape.Translator;
import dev.gleaner.core.scrape.UrlNormalizer;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.time.FakeTime;
import dev.gleaner.safehttp.PinnedSockets;
import dev.gleaner.safehttp.SafeHttpClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scrape worker, its SQS handler and its dead-letter handler against DynamoDB Local and two
 * page servers on loopback: {@code shop}, the product pages, and {@code target}, which plays an
 * internal service that SSRF tests try to reach and must never receive a request.
 *
 * <p>Names: a test resolver maps {@code shop.test} and {@code evil.test} to 127.0.0.1 and
 * {@code public.test} to 93.184.215.14, a public address that {@link PinnedSockets} routes to the
 * shop server. Nothing ever leaves loopback: those sockets dial loopback addresses as asked and
 * refuse every other address, so no packet can go anywhere else.
 */
class ScrapeWorkerTest {
    private static final byte[] PUBLIC = {93, (byte) 184, (byte) 215, 14};
    private static final int MAX_RECEIVES = 3;

    private static final String PRODUCT = """
            <!doctype html><html lang="en"><head><title>Trail Runner 2 | Acme</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Trail Runner 2",
            "sku":"TR-2","brand":{"@type":"Brand","name":"Acme"},"image":["/img/tr2.jpg","/img/tr2.jpg","/img/tr2-side.jpg"],
            "offers":{"@type":"Offer","price":"129.90","priceCurrency":"USD","availability":"https://schema.org/InStock"}}</script>
            <script src="https://cdn.shopify.com/s/files/1/theme.js"></script>
            </head><body><div class="shopify-section"><h1>Trail Runner 2</h1></div></body></html>""";

    private static HttpServer shop;
    private static HttpServer target;
    private static final Map<String, AtomicInteger> SHOP_HITS = new ConcurrentHashMap<>();
    private static final AtomicInteger TARGET_HITS = new AtomicInteger();
    /** Paths that answer 503 this many more times before serving the page. */
    private static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();

    private ScrapeStore store;
    /** Every instant() is one second after the previous: a write that happened shows in updated_at. */
    private final FakeTime clock = FakeTime.ticking(Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofSeconds(1));

    @BeforeAll
    static void startServers() throws IOException {
        shop = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        shop.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            SHOP_HITS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = 200;
            String body = PRODUCT;
            AtomicInteger left = FAILURES_LEFT.get(path);
            if (path.startsWith("/down") || left != null && left.getAndDecrement() > 0) {
                status = 503;
                body = "<html><body>Maintenance</body></html>";
            } else if (path.startsWith("/missing")) {
                status = 404;
                body = "<html><body>Not found</body></html>";
            } else if (path.startsWith("/to-internal")) {
                status = 302;
                exchange.getResponseHeaders().add("Location",
                        "http://127.0.0.1:" + target.getAddress().getPort() + "/admin");
                body = "";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        shop.start();
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/", exchange -> {
            TARGET_HITS.incrementAndGet();
            byte[] bytes = PRODUCT.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        target.start();
    }

    @AfterAll
    static void stopServers() {
        shop.stop(0);
        target.stop(0);
    }

    @BeforeEach
    void freshTables() {
        TestTables tables = TestTables.create();
        store = new DynamoScrapeStore(tables.client(), tables.scrape(), clock);
        SHOP_HITS.clear();
        FAILURES_LEFT.clear();
        TARGET_HITS.set(0);
    }

    private static final Dns RESOLVER = host -> switch (host) {
        case "shop.test", "evil.test" -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        case "public.test" -> List.of(InetAddress.getByAddress(host, PUBLIC));
        default -> throw new UnknownHostException(host);
    };

    /** Reaches the shop on loopback: the opt-in policy, one attempt per fetch (the queue retries). */
    private static SafeHttpClient loopbackClient() {
        return SafeHttpClient.builder().addressPolicy(AddressPolicy.LOOPBACK_FOR_TESTS).resolver(RESOLVER)
                .maxAttempts(1).sleeper(d -> { }).readTimeout(Duration.ofSeconds(5)).build();
    }

    private ScrapeWorker worker(SafeHttpClient http) {
        return worker(http, Translator.NONE);
    }

    private ScrapeWorker worker(SafeHttpClient http, Translator translator) {
        return new ScrapeWorker(store, http, translator, clock, MAX_RECEIVES);
    }

    private static String shopUrl(String path) {
        return "http://shop.test:" + shop.getAddress().getPort() + path;
    }

    private String submit(String url, String language) {
        String id = UUID.randomUUID().toString();
        ScrapeRequest request = new ScrapeRequest(url, UrlNormalizer.normalize(URI.create(url)), false, null, false, language);
        store.create(ScrapeTask.pending(id, request, clock.instant()), null);
        return id;
    }

    private ScrapeTask task(String id) {
        return store.get(id).orElseThrow(() -> new AssertionError("no task " + id));
    }

    private Optional<ScrapeOutcome> cached(String url, String language) {
        return store.cached(UrlNormalizer.normalize(URI.create(url)), language, clock.instant());
    }

    private static int shopHits(String path) {
        AtomicInteger n = SHOP_HITS.get(path);
        return n == null ? 0 : n.get();
    }

    // --- results, cache, redelivery -------------------------------------------------------

    @Test
    void aFetchedPageCompletesTheTaskAndIsCached() {
        String url = shopUrl("/products/trail-runner");
        String id = submit(url, "en");
        worker(loopbackClient()).process(id, 1);

        ScrapeTask done = task(id);
        assertEquals(TaskStatus.COMPLETED, done.status());
        assertNull(done.error());
        assertNotNull(done.completedAt());
        assertFalse(done.cacheHit());
        assertEquals("shopify", done.detectedPlatform());
        assertTrue(done.platformConfidence() > 0.5 && done.platformConfidence() <= 1.0, "" + done.platformConfidence());
        assertFalse(done.platformIndicators().isEmpty());
        assertEquals(Boolean.FALSE, done.translated());
        ProductInfo info = done.productInfo();
        assertEquals("Trail Runner 2", info.title());
        assertEquals(0, new BigDecimal("129.9").compareTo(info.price()));
        assertEquals("USD", info.currency());
        assertEquals("In Stock", info.availability());
        assertEquals("Acme", info.brand());
        assertEquals(List.of(shopUrl("/img/tr2.jpg"), shopUrl("/img/tr2-side.jpg")), info.images());
        assertEquals(1, shopHits("/products/trail-runner"));

        ScrapeOutcome cachedOutcome = cached(url, "en").orElseThrow(() -> new AssertionError("not cached"));
        assertEquals(info, cachedOutcome.productInfo());
        assertEquals("shopify", cachedOutcome.detectedPlatform());
        assertFalse(cached(url, "ko").isPresent(), "the cache is per language");
    }

    @Test
    void aConfiguredTranslatorTranslatesAndTheResultSaysSo() {
        Translator upper = new Translator() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public ProductInfo translate(ProductInfo info, String targetLanguage) {
                return info.toBuilder().title("[" + targetLanguage + "] " + info.title()).build();
            }
        };
        String url = shopUrl("/products/translated");
        String id = submit(url, "ko");
        worker(loopbackClient(), upper).process(id, 1);
        ScrapeTask done = task(id);
        assertEquals("[ko] Trail Runner 2", done.productInfo().title());
        assertEquals(Boolean.TRUE, done.translated());
        assertTrue(cached(url, "ko").orElseThrow().translated());
    }

    @Test
    void aRedeliveredMessageForAFinishedTaskDoesNothing() {
        String url = shopUrl("/products/once");
        String id = submit(url, null);
        ScrapeWorker worker = worker(loopbackClient());
        worker.process(id, 1);
        ScrapeTask first = task(id);
        assertEquals(TaskStatus.COMPLETED, first.status());
        // Mark the cache entry: a second write by the redelivery would replace it.
        ProductInfo marker = ProductInfo.builder().title("marker").build();
        store.cache(first.request().normalizedUrl(), null, new ScrapeOutcome(marker, null, null, List.of(), false),
                clock.instant().plus(Duration.ofHours(1)));

        worker.process(id, 2);
        worker.process(id, 1);

        assertEquals(1, shopHits("/products/once"), "the page was not fetched again");
        ScrapeTask after = task(id);
        assertEquals(first, after, "the stored task is unchanged (updated_at included)");
        assertEquals("marker", cached(url, null).orElseThrow().productInfo().title(), "no second cache write");
    }

    @Test
    void aFailedTaskIsNotRetriedOrCachedByARedelivery() {
        String url = shopUrl("/missing/page");
        String id = submit(url, null);
        ScrapeWorker worker = worker(loopbackClient());
        worker.process(id, 1);
        ScrapeTask failed = task(id);
        assertEquals(TaskStatus.FAILED, failed.status());
        assertEquals("Failed to load page: HTTP 404 Not Found", failed.error());
        worker.process(id, 2);
        assertEquals(1, shopHits("/missing/page"));
        assertEquals(failed, task(id));
        assertFalse(cached(url, null).isPresent(), "failures are not cached");
    }

    @Test
    void anUnknownOrExpiredTaskIdIsIgnored() {
        worker(loopbackClient()).process("no-such-task", 1);
        assertTrue(SHOP_HITS.isEmpty());
    }

    // --- transient failures ----------------------------------------------------------------

    @Test
    void aTransientFailureAsksForRedeliveryUntilTheLastReceiveThenFails() {
        String url = shopUrl("/down/for-a-while");
        String id = submit(url, null);
        ScrapeWorker worker = worker(loopbackClient());

        for (int receive = 1; receive < MAX_RECEIVES; receive++) {
            int r = receive;
            ScrapeWorker.RetryLater retry = assertThrows(ScrapeWorker.RetryLater.class, () -> worker.process(id, r));
            assertTrue(retry.getMessage().contains("503"), retry.getMessage());
            ScrapeTask running = task(id);
            assertEquals(TaskStatus.RUNNING, running.status(), "receive " + receive);
            assertNull(running.error());
        }
        worker.process(id, MAX_RECEIVES);
        ScrapeTask failed = task(id);
        assertEquals(TaskStatus.FAILED, failed.status());
        assertEquals("Failed to load page: HTTP 503 Service Unavailable", failed.error());
        assertNotNull(failed.completedAt());
        assertEquals(MAX_RECEIVES, shopHits("/down/for-a-while"));
        assertFalse(cached(url, null).isPresent());
    }

    @Test
    void aConnectionRefusedIsTransientToo() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String id = submit("http://shop.test:" + closedPort + "/p", null);
        ScrapeWorker worker = worker(loopbackClient());
        assertThrows(ScrapeWorker.RetryLater.class, () -> worker.process(id, 1));
        worker.process(id, MAX_RECEIVES);
        assertEquals("Failed to load page: connection refused", task(id).error());
    }

    @Test
    void aTransientFailureThatClearsCompletesOnTheNextDelivery() {
        String url = shopUrl("/products/flaky");
        FAILURES_LEFT.put("/products/flaky", new AtomicInteger(1));
        String id = submit(url, null);
        ScrapeWorker worker = worker(loopbackClient());
        assertThrows(ScrapeWorker.RetryLater.class, () -> worker.process(id, 1));
        worker.process(id, 2);
        ScrapeTask done = task(id);
        assertEquals(TaskStatus.COMPLETED, done.status());
        assertEquals("Trail Runner 2", done.productInfo().title());
        assertTrue(cached(url, null).isPresent());
    }

    // --- the SQS handler ---------------------------------------------------------------------

    private static SQSEvent.SQSMessage message(String id, String body, int receiveCount) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        return m;
    }

    private static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent e = new SQSEvent();
        e.setRecords(List.of(messages));
        return e;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        List<String> ids = new ArrayList<>();
        response.getBatchItemFailures().forEach(f -> ids.add(f.getItemIdentifier()));
        return ids;
    }

    @Test
    void theHandlerReportsOnlyTheMessagesToRetryAsBatchItemFailures() {
        String good = submit(shopUrl("/products/good"), null);
        String flakyFirst = submit(shopUrl("/down/first-receive"), null);
        String flakyLast = submit(shopUrl("/down/last-receive"), null);
        ScrapeWorkerHandler handler = new ScrapeWorkerHandler(worker(loopbackClient()));

        SQSBatchResponse response = handler.handleRequest(event(
                message("m-good", "{\"task_id\":\"" + good + "\"}", 1),
                message("m-retry", "{\"task_id\":\"" + flakyFirst + "\"}", 1),
                message("m-last", "{\"task_id\":\"" + flakyLast + "\"}", MAX_RECEIVES),
                message("m-no-id", "{\"url\":\"http://shop.test/\"}", 1),
                message("m-unknown", "{\"task_id\":\"" + UUID.randomUUID() + "\"}", 1)), null);

        assertEquals(List.of("m-retry"), failedIds(response));
        assertEquals(TaskStatus.COMPLETED, task(good).status());
        assertEquals(TaskStatus.RUNNING, task(flakyFirst).status());
        assertEquals(TaskStatus.FAILED, task(flakyLast).status());
        assertEquals("Failed to load page: HTTP 503 Service Unavailable", task(flakyLast).error());
    }

    @Test
    void theHandlerReportsAnUnexpectedErrorAndGoesOnWithTheBatch() {
        String good = submit(shopUrl("/products/after-a-crash"), null);
        ScrapeStore real = store;
        ScrapeStore breaking = new ScrapeStore() {
            @Override
            public void create(ScrapeTask task, String proxy) {
                real.create(task, proxy);
            }

            @Override
            public Optional<ScrapeTask> get(String taskId) {
                if (taskId.equals("explodes")) {
                    throw new IllegalStateException("DynamoDB unavailable");
                }
                return real.get(taskId);
            }

            @Override
            public String proxy(String taskId) {
                return real.proxy(taskId);
            }

            @Override
            public boolean markRunning(String taskId, Instant now) {
                return real.markRunning(taskId, now);
            }

            @Override
            public Optional<ScrapeTask> complete(String taskId, ScrapeOutcome outcome, Instant now) {
                return real.complete(taskId, outcome, now);
            }

            @Override
            public Optional<ScrapeTask> fail(String taskId, String error, Instant now) {
                return real.fail(taskId, error, now);
            }

            @Override
            public Optional<ScrapeOutcome> cached(String normalizedUrl, String language, Instant now) {
                return real.cached(normalizedUrl, language, now);
            }

            @Override
            public void cache(String normalizedUrl, String language, ScrapeOutcome outcome, Instant expiresAt) {
                real.cache(normalizedUrl, language, outcome, expiresAt);
            }
        };
        ScrapeWorkerHandler handler = new ScrapeWorkerHandler(
                new ScrapeWorker(breaking, loopbackClient(), Translator.NONE, clock, MAX_RECEIVES));
        SQSBatchResponse response = handler.handleRequest(event(
                message("m-crash", "{\"task_id\":\"explodes\"}", 1),
                message("m-good", "{\"task_id\":\"" + good + "\"}", 1)), null);
        assertEquals(List.of("m-crash"), failedIds(response));
        assertEquals(TaskStatus.COMPLETED, task(good).status());
    }

    // --- the dead-letter handler -------------------------------------------------------------

    @Test
    void theDeadLetterHandlerFailsTheTaskWithAReadableError() {
        String stuck = submit(shopUrl("/down/stuck"), null);
        assertThrows(ScrapeWorker.RetryLater.class, () -> worker(loopbackClient()).process(stuck, 1));
        assertEquals(TaskStatus.RUNNING, task(stuck).status());
        String neverStarted = submit(shopUrl("/products/never-started"), null);
        String done = submit(shopUrl("/products/done"), null);
        worker(loopbackClient()).process(done, 1);
        ScrapeTask completed = task(done);

        ScrapeDeadLetterHandler handler = new ScrapeDeadLetterHandler(worker(loopbackClient()));
        SQSBatchResponse response = handler.handleRequest(event(
                message("d1", "{\"task_id\":\"" + stuck + "\"}", 1),
                message("d2", "{\"task_id\":\"" + neverStarted + "\"}", 1),
                message("d3", "{\"task_id\":\"" + done + "\"}", 1),
                message("d4", "{}", 1)), null);

        assertTrue(failedIds(response).isEmpty(), failedIds(response).toString());
        for (String id : List.of(stuck, neverStarted)) {
            ScrapeTask t = task(id);
            assertEquals(TaskStatus.FAILED, t.status());
            assertEquals("the scrape did not complete after " + MAX_RECEIVES + " deliveries (the worker kept failing or timing out)", t.error());
            assertNotNull(t.completedAt());
        }
        assertEquals(completed, task(done), "a finished task is left as it is");
        assertEquals(0, shopHits("/products/never-started"), "the dead-letter handler never fetches");
    }

    // --- SSRF, end to end through the worker ---------------------------------------------------

    /** The production policy; the shop is reachable only as public.test (93.184.215.14, pinned to loopback). */
    private static PinnedSockets sockets() {
        return new PinnedSockets(addressOf(PUBLIC), shop.getAddress().getPort());
    }

    private static InetAddress addressOf(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SafeHttpClient strictClient(PinnedSockets sockets) {
        return PinnedSockets.builder(sockets).addressPolicy(AddressPolicy.STRICT).resolver(RESOLVER)
                .maxAttempts(1).sleeper(d -> { }).readTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void strictPolicyIsTheDefault() {
        // Surefire does not set the loopback opt-in: the environment's policy is the strict one.
        assertEquals(AddressPolicy.STRICT, AddressPolicy.fromEnvironment());
        assertEquals(AddressPolicy.STRICT, SafeHttpClient.builder().build().policy());
    }

    @Test
    void aNameThatResolvesToLoopbackEndsFailedAndTheTargetReceivesNothing() {
        PinnedSockets sockets = sockets();
        String id = submit("http://evil.test:" + target.getAddress().getPort() + "/admin", null);
        worker(strictClient(sockets)).process(id, 1); // refused at once: not worth a redelivery

        ScrapeTask t = task(id);
        assertEquals(TaskStatus.FAILED, t.status());
        assertEquals("Failed to load page: refused address: loopback", t.error());
        assertEquals(0, TARGET_HITS.get(), "the loopback target received nothing");
        assertTrue(sockets.requested.isEmpty(), "no connection was even attempted: " + sockets.requested);
    }

    @Test
    void aRedirectToLoopbackFromAnAllowedFirstHopEndsFailedAndTheTargetReceivesNothing() {
        PinnedSockets sockets = sockets();
        String id = submit("http://public.test/to-internal", null);
        worker(strictClient(sockets)).process(id, 1);

        ScrapeTask t = task(id);
        assertEquals(TaskStatus.FAILED, t.status());
        assertEquals("Failed to load page: refused address: loopback", t.error());
        assertEquals(1, shopHits("/to-internal"), "the allowed first hop was fetched");
        assertEquals(0, TARGET_HITS.get(), "the loopback target received nothing");
        assertEquals(1, sockets.requested.size(), "only the first hop was dialled: " + sockets.requested);
        assertFalse(cached("http://public.test/to-internal", null).isPresent());
    }

    @Test
    void controlTheHarnessWouldSeeARequestThatReachedTheTarget() {
        // The same redirect under the loopback opt-in is followed, and the target counts it: so the
        // zero counts above mean the strict policy stopped the request, not that the harness was blind.
        PinnedSockets sockets = sockets();
        SafeHttpClient optIn = PinnedSockets.builder(sockets).addressPolicy(AddressPolicy.LOOPBACK_FOR_TESTS)
                .resolver(RESOLVER).maxAttempts(1).sleeper(d -> { }).build();
        String id = submit("http://public.test/to-internal", null);
        worker(optIn).process(id, 1);
        assertEquals(1, TARGET_HITS.get());
        assertEquals(TaskStatus.COMPLETED, task(id).status());
    }
}
