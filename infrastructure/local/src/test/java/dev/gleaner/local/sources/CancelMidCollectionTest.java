package dev.gleaner.local.sources;

import static dev.gleaner.local.sources.ApiClient.BASE;
import static dev.gleaner.local.sources.ApiClient.waitFor;
import static dev.gleaner.local.sources.SourceFixtures.BABITALK_REVIEWS;
import static dev.gleaner.local.sources.SourceFixtures.TARGET_DATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.asl.ExecutionStatus;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.core.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a running collection of the real Babitalk collector against a slow source: the
 * cancelled status is final, progress never moves again, and the source sees at most the rest of
 * the batch that was in flight (a Lambda invocation cannot be interrupted; neither is the local one).
 */
class CancelMidCollectionTest {
    private static final Duration PAGE_DELAY = Duration.ofMillis(150);
    private static final int PAGES = 40;
    private static final int PER_PAGE = 24;
    private static final int BATCH_PAGES = CollectorOptions.MAX_PAGES_PER_CALL;

    private static RunnerOnFixtures env;

    @BeforeAll
    static void start() throws Exception {
        env = RunnerOnFixtures.start(sources -> SourceFixtures.generatedReviews(sources, 500_000, PAGES, PER_PAGE, PAGE_DELAY));
    }

    @AfterAll
    static void stop() {
        RunnerOnFixtures.close(env);
    }

    private static int listPages() {
        return env.sources.requests(BABITALK_REVIEWS).size();
    }

    @Test
    void cancellingMidCollectionStopsWithinTheBatchInFlight() throws Exception {
        String id = env.api.start("babitalk", "{\"target_date\": \"" + TARGET_DATE + "\", \"categories\": [\"reviews\"]}");
        // One batch stored, the next one being read from the slow source.
        waitFor("a first batch stored", () -> env.api.task(id).get("progress").asInt() > 0);

        HttpResponse<String> cancel = env.api.send("DELETE", BASE + "/task/" + id, null);
        int pagesAtCancel = listPages();
        assertEquals(200, cancel.statusCode(), cancel.body());
        JsonNode cancelled = Json.parse(cancel.body());
        assertEquals("cancelled", cancelled.get("status").asText());
        int progressAtCancel = cancelled.get("progress").asInt();
        assertTrue(progressAtCancel > 0 && progressAtCancel < PAGES * PER_PAGE, cancelled.toString());

        waitFor("the execution stopped", () -> env.runner.workflow().executor().find(id)
                .map(e -> e.status() != ExecutionStatus.RUNNING).orElse(false));
        // Until the source has been quiet for several page times, the task never changes again.
        int seen = -1;
        for (int i = 0; i < 20 && seen != listPages(); i++) {
            seen = listPages();
            Thread.sleep(PAGE_DELAY.toMillis() * 4);
            JsonNode t = env.api.task(id);
            assertEquals("cancelled", t.get("status").asText(), t.toString());
            assertEquals(progressAtCancel, t.get("progress").asInt(), "progress after the cancel: " + t);
        }
        int pagesAfterCancel = listPages() - pagesAtCancel;
        System.out.printf("cancel: progress %d at the cancel, %d list pages before it, %d after it%n",
                progressAtCancel, pagesAtCancel, pagesAfterCancel);
        assertTrue(pagesAfterCancel <= BATCH_PAGES,
                pagesAfterCancel + " list pages were requested after the cancel; at most the batch in flight may finish");
        assertTrue(listPages() < PAGES, "the collection stopped before the end of the source");

        JsonNode after = env.api.task(id);
        assertEquals("cancelled", after.get("status").asText());
        assertEquals(progressAtCancel, after.get("progress").asInt());
        assertTrue(after.get("completed_at").isTextual());
        Checks.logsContain(after, "사용자 요청으로 작업 취소");
        // Records the batch in flight had already read may be stored, never more than that batch.
        int items = env.api.items(id, 200).size();
        assertTrue(items >= progressAtCancel && items <= progressAtCancel + BATCH_PAGES * PER_PAGE,
                items + " items for progress " + progressAtCancel);
        waitFor("the slot is free again", () -> env.runner.slots().holderCount() == 0);
        assertEquals(409, env.api.send("DELETE", BASE + "/task/" + id, null).statusCode(), "cancelled is final");
    }
}
