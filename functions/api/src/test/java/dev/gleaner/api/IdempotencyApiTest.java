package dev.gleaner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.aws.idempotency.DynamoIdempotencyStore;
import dev.gleaner.core.idempotency.IdempotencyKey;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.core.scrape.ScrapeOutcome;
import dev.gleaner.core.task.CollectionService;
import dev.gleaner.core.task.Platform;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on the two POST routes that start work. */
class IdempotencyApiTest {
    private static final String START = Endpoints.COLLECTIONS + "/babitalk/start";
    private final TestApi t = new TestApi();

    private TestApi.Response post(String path, String body, String key) {
        return t.call("POST", path, body, Map.of(), key == null ? Map.of() : Map.of(Endpoints.IDEMPOTENCY_KEY, List.of(key)));
    }

    private static String replayed(TestApi.Response r) {
        return r.raw().getHeaders().get(Endpoints.IDEMPOTENT_REPLAYED);
    }

    @Test
    void theSameKeyAndRequestAnswerTheFirstTaskAgainWithoutStartingTwice() {
        TestApi.Response first = post(START, "{\"categories\": [\"reviews\"], \"limit\": 24}", "order-42");
        assertEquals(202, first.status(), first.toString());
        assertNull(replayed(first));
        // The same request, written differently: fields in another order, other spacing.
        TestApi.Response again = post(START, "{ \"limit\" : 24, \"categories\" : [ \"reviews\" ] }", "order-42");
        assertEquals(202, again.status(), "the first answer's status code");
        assertEquals("true", replayed(again));
        assertEquals(first.json().get("task_id"), again.json().get("task_id"));
        assertEquals(first.raw().getHeaders().get("Location"), again.raw().getHeaders().get("Location"));
        assertEquals(1, t.launcher.started.size(), "one execution");
        assertEquals(1, t.call("GET", Endpoints.COLLECTIONS + "/tasks").json().get("tasks").size());
    }

    @Test
    void theSameKeyWithAnotherRequestIsAConflictNamingTheKey() {
        assertEquals(202, post(START, "{\"limit\": 24}", "order-43").status());
        TestApi.Response other = post(START, "{\"limit\": 25}", "order-43");
        assertEquals(409, other.status(), other.toString());
        assertEquals(Endpoints.IDEMPOTENCY_KEY, other.json().get("field").asText());
        assertTrue(other.json().get("error").asText().contains("order-43"), other.json().toString());
        // Keys are per route: the same key starting another platform is another request.
        TestApi.Response naver = post(Endpoints.COLLECTIONS + "/naver/start", "{\"cafe_id\": \"1\"}", "order-43");
        assertEquals(202, naver.status(), naver.toString());
        assertEquals(2, t.launcher.started.size());
    }

    @Test
    void aRejectedBodyOrAFailedStartLeavesTheKeyFree() {
        TestApi.Response bad = post(START, "{\"limit\": -1}", "order-44");
        assertEquals(400, bad.status());
        t.launcher.failStarts = true;
        assertEquals(503, post(START, "{\"limit\": 24}", "order-44").status(), "nothing was started");
        t.launcher.failStarts = false;
        TestApi.Response retried = post(START, "{\"limit\": 24}", "order-44");
        assertEquals(202, retried.status(), retried.toString());
        assertNull(replayed(retried), "a new start, not a replay of the failed one");
        assertEquals(1, t.launcher.started.size());
    }

    @Test
    void aKeyIsRememberedForADay() {
        String first = post(START, "{}", "order-45").json().get("task_id").asText();
        t.clock.advance(Duration.ofHours(23));
        assertEquals(first, post(START, "{}", "order-45").json().get("task_id").asText());
        t.clock.advance(Duration.ofHours(1).plusSeconds(1));
        TestApi.Response later = post(START, "{}", "order-45");
        assertEquals(202, later.status());
        assertNotEquals(first, later.json().get("task_id").asText(), "after 24 h the key starts a new task");
    }

    @Test
    void malformedKeysAreA400NamingTheHeader() {
        for (String key : List.of("", " ", "x".repeat(256), "tab\there", "한글-키")) {
            TestApi.Response r = post(START, "{}", key);
            assertEquals(400, r.status(), key + " -> " + r);
            assertEquals(Endpoints.IDEMPOTENCY_KEY, r.json().get("field").asText());
        }
        assertTrue(t.launcher.started.isEmpty());
    }

    @Test
    void aKeyWhoseFirstRequestIsStillBeingAnsweredIsA409() {
        // What a concurrent second request sees: the key is claimed, its task not written yet.
        IdempotencyKey key = IdempotencyKey.of(CollectionService.startScope(Platform.BABITALK), "order-46", Json.object());
        new DynamoIdempotencyStore(t.tables.client(), t.tables.tasks(), "id", t.clock)
                .claim(key, "00000000-0000-4000-8000-000000000046", t.clock.instant().plusSeconds(60));
        TestApi.Response r = post(START, "{}", "order-46");
        assertEquals(409, r.status(), r.toString());
        assertTrue(r.json().get("error").asText().contains("still being processed"), r.json().toString());
    }

    @Test
    void aRetriedScrapeGetsTheFirstTaskWithTheFirstStatusCode() {
        String body = "{\"url\": \"https://shop.example.com/products/trail-runner\"}";
        TestApi.Response first = post("/scrape", body, "scrape-1");
        assertEquals(202, first.status(), first.toString());
        TestApi.Response again = post("/scrape", body, "scrape-1");
        assertEquals(202, again.status());
        assertEquals("true", replayed(again));
        assertEquals(first.json().get("task_id"), again.json().get("task_id"));
        assertEquals(1, t.queue.sent.size(), "one message");
        assertEquals(409, post("/scrape", "{\"url\": \"https://shop.example.com/other\"}", "scrape-1").status());

        // A cache hit answered 200 the first time: its replay does too.
        t.scrapeStore.cache("https://shop.example.com/products/cached", null, new ScrapeOutcome(ProductInfo.builder()
                .title("Cached").price(new BigDecimal("10")).currency("USD").build(), null, 0.0, List.of(), false),
                t.clock.instant().plusSeconds(3600));
        String cached = "{\"url\": \"https://shop.example.com/products/cached\"}";
        assertEquals(200, post("/scrape", cached, "scrape-2").status());
        TestApi.Response cachedAgain = post("/scrape", cached, "scrape-2");
        assertEquals(200, cachedAgain.status());
        assertEquals("true", replayed(cachedAgain));
    }
}
