package dev.gleaner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * {@code Retry-After} and {@code Prefer: wait=N} on the task reads. The wait's pauses move the
 * test clock instead of sleeping, so "nothing changed for N seconds" takes no real time.
 */
class LongPollApiTest {
    private static final String BASE = Endpoints.COLLECTIONS;
    private final TestApi t = new TestApi();
    private final AtomicInteger pauses = new AtomicInteger();

    private String startCollection() {
        TestApi.Response r = t.call("POST", BASE + "/babitalk/start", "{\"categories\": [\"reviews\"], \"limit\": 100}");
        assertEquals(202, r.status(), r.toString());
        assertEquals("5", r.header("Retry-After"), "a pending collection waits for a slot: look again in 5 s");
        return r.json().get("task_id").asText();
    }

    private TestApi.Response getTask(String id, String prefer) {
        return t.call("GET", BASE + "/task/" + id, null, Map.of(),
                prefer == null ? Map.of() : Map.of("Prefer", List.of(prefer)));
    }

    /** Each pause of a wait advances the test clock by its length and is counted; {@code atPause} sees the count. */
    private void pausesMoveTheClock(IntConsumer atPause) {
        t.sleeper = d -> {
            t.clock.advance(d);
            atPause.accept(pauses.incrementAndGet());
        };
    }

    @Test
    void nonFinalReadsCarryRetryAfterFromThePaceAndFinalOnesDoNot() {
        String id = startCollection();
        assertEquals("5", getTask(id, null).header("Retry-After"));
        Instant started = t.clock.instant();
        t.store.markRunning(id, null, started, "시술후기 수집 중...", "[00:00:00] go");
        assertEquals("3", getTask(id, null).header("Retry-After"), "running, nothing collected yet");
        t.store.addProgress(id, null, null, null, 40, 0, "시술후기 수집 중...", "[00:00:10] 40");
        t.clock.advance(Duration.ofSeconds(20));
        assertEquals("10", getTask(id, null).header("Retry-After"), "0.5 s a post so far: a page of 20 in 10 s");
        t.clock.advance(Duration.ofSeconds(3600));
        assertEquals("30", getTask(id, null).header("Retry-After"), "never more than 30 s");
        t.store.finish(id, TaskStatus.COMPLETED, Json.object(), null, "완료", "[00:01:00] done", t.clock.instant());
        assertNull(getTask(id, null).header("Retry-After"), "a final task will not change");
    }

    @Test
    void preferWaitAnswersAsSoonAsTheProgressChanges() {
        String id = startCollection();
        t.store.markRunning(id, null, t.clock.instant(), "수집 중", "[00:00:00] go");
        pausesMoveTheClock(n -> {
            if (n == 3) {
                t.store.addProgress(id, null, null, null, 24, 0, "수집 중", "[00:00:02] 24");
            }
        });
        Instant before = t.clock.instant();
        TestApi.Response r = getTask(id, "wait=10");
        assertEquals(200, r.status());
        assertEquals(24, r.json().get("progress").asInt());
        assertEquals("wait=10", r.header("Preference-Applied"));
        assertEquals(3, pauses.get(), "answered at the first read after the change");
        assertEquals(Duration.ofMillis(1500), Duration.between(before, t.clock.instant()), "one read every 0.5 s");
        assertTrue(r.header("Retry-After") != null);
    }

    @Test
    void preferWaitAnswersWhenTheStatusChanges() {
        String id = startCollection();
        pausesMoveTheClock(n -> {
            if (n == 2) {
                t.store.markRunning(id, null, t.clock.instant(), "수집 중", "[00:00:01] go");
            }
        });
        JsonNode task = getTask(id, "wait=5").json();
        assertEquals("running", task.get("status").asText());
        assertEquals(2, pauses.get());
    }

    @Test
    void preferWaitGivesUpAfterNSecondsWithTheSameStateAtTwoReadsASecond() {
        String id = startCollection();
        pausesMoveTheClock(n -> { });
        Instant before = t.clock.instant();
        TestApi.Response r = getTask(id, "wait=3");
        assertEquals("pending", r.json().get("status").asText());
        assertEquals("wait=3", r.header("Preference-Applied"));
        assertEquals(Duration.ofSeconds(3), Duration.between(before, t.clock.instant()));
        assertEquals(6, pauses.get(), "two DynamoDB reads a second, plus the first");
    }

    @Test
    void preferWaitIsCappedAt20SecondsAndInvalidValuesAreIgnored() {
        String id = startCollection();
        pausesMoveTheClock(n -> { });
        Instant before = t.clock.instant();
        assertEquals("wait=20", getTask(id, "respond-async, wait=600").header("Preference-Applied"));
        assertEquals(Duration.ofSeconds(20), Duration.between(before, t.clock.instant()), "under API Gateway's 29 s");

        pauses.set(0);
        for (String invalid : List.of("wait=abc", "wait=-1", "wait=1.5", "wait", "wait=")) {
            TestApi.Response r = getTask(id, invalid);
            assertEquals(200, r.status(), invalid);
            assertNull(r.header("Preference-Applied"), invalid + " is ignored, as RFC 7240 asks");
        }
        assertEquals(0, pauses.get(), "an ignored preference never waits");
    }

    @Test
    void preferWaitOnAFinalTaskAnswersAtOnce() {
        String id = startCollection();
        t.store.finish(id, TaskStatus.CANCELLED, Json.object(), null, "취소됨", "[00:00:00] x", t.clock.instant());
        t.sleeper = d -> pauses.incrementAndGet();
        TestApi.Response r = getTask(id, "wait=20");
        assertEquals("cancelled", r.json().get("status").asText());
        assertEquals(0, pauses.get());
        assertNull(r.header("Retry-After"));
    }

    @Test
    void scrapeStatusHonoursPreferWaitAndCarriesRetryAfter() {
        TestApi.Response submitted = t.call("POST", "/scrape", "{\"url\": \"https://shop.example.com/p/1\"}");
        assertEquals(202, submitted.status());
        assertEquals("2", submitted.header("Retry-After"));
        String id = submitted.json().get("task_id").asText();
        pausesMoveTheClock(n -> {
            if (n == 4) {
                t.scrapeStore.markRunning(id, t.clock.instant());
            }
        });
        TestApi.Response r = t.call("GET", "/tasks/" + id, null, Map.of(), Map.of("Prefer", List.of("wait=15")));
        assertEquals("running", r.json().get("status").asText());
        assertEquals("wait=15", r.header("Preference-Applied"));
        assertEquals("2", r.header("Retry-After"));
        assertEquals(4, pauses.get());
        assertEquals("2", t.call("GET", "/tasks/" + id + "/result").header("Retry-After"));
    }
}
