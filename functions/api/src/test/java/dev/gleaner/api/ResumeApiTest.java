package dev.gleaner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.json.Json;
import dev.gleaner.core.metrics.Dimension;
import dev.gleaner.core.metrics.Metric;
import dev.gleaner.core.metrics.Metrics;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST …/task/{task_id}/resume: which tasks resume, as what, and every refusal. */
class ResumeApiTest {
    private static final String BASE = Endpoints.COLLECTIONS;
    private final TestApi t = new TestApi();
    private final List<Metrics.Emission> emitted = new ArrayList<>();

    @AfterEach
    void restoreMetrics() {
        Metrics.sink(Metrics.EMF);
    }

    /** From now on, what the collection's life cycle emits is kept (and no longer printed). */
    private void captureMetrics() {
        emitted.clear();
        Metrics.sink(emitted::add);
    }

    private double sum(Metric metric, Map<Dimension, String> dimensions) {
        return emitted.stream().filter(e -> e.values().containsKey(metric) && e.dimensions().equals(dimensions))
                .mapToDouble(e -> e.values().get(metric)).sum();
    }

    private String start(String platform, String body) {
        TestApi.Response r = t.call("POST", BASE + "/" + platform + "/start", body);
        assertEquals(202, r.status(), r.toString());
        return r.json().get("task_id").asText();
    }

    private TestApi.Response resume(String id, String body) {
        return t.call("POST", BASE + "/task/" + id + "/resume", body);
    }

    private void fail(String id) {
        assertTrue(t.store.finish(id, TaskStatus.FAILED, Json.object(), "source refused", "실패", "[00:00:01] failed",
                t.clock.instant()).isPresent());
    }

    @Test
    void aFailedTaskContinuesAsTheSameTaskUnderANewExecution() {
        String id = start("babitalk", "{\"categories\": [\"reviews\"]}");
        fail(id);
        captureMetrics();
        TestApi.Response r = resume(id, null);
        assertEquals(202, r.status(), r.toString());
        assertEquals(1, sum(Metric.COLLECTIONS_STARTED, Map.of(Dimension.PLATFORM, "babitalk")),
                "a resumed run counts as started, as it will end again: " + emitted);
        assertEquals(id, r.json().get("id").asText());
        assertEquals("pending", r.json().get("status").asText());
        assertTrue(r.json().get("error").isNull() && r.json().get("completed_at").isNull(), r.json().toString());
        assertEquals(BASE + "/task/" + id, r.raw().getHeaders().get("Location"));
        assertEquals(List.of(id, id + ".r1"), t.launcher.started, "a new execution for the same task");
        assertTrue(t.launcher.stopped.contains(id), "a stray run of the old execution is stopped");
        CollectionTask stored = t.store.get(id).orElseThrow();
        assertEquals(id + ".r1", stored.execution());
        assertTrue(stored.expiresAt().isAfter(t.clock.instant().plusSeconds(6 * 86400)), "a live task's expiry again");

        assertEquals(409, resume(id, null).status(), "pending again: a second resume is refused");
        fail(id);
        assertEquals(202, resume(id, null).status(), "and again later");
        assertEquals(id + ".r2", t.store.get(id).orElseThrow().execution());
    }

    @Test
    void aCancelledTaskResumesACompletedOneDoesNot() {
        String cancelled = start("babitalk", "{}");
        assertEquals(200, t.call("DELETE", BASE + "/task/" + cancelled).status());
        assertEquals(202, resume(cancelled, "{}").status());

        String done = start("babitalk", "{}");
        assertTrue(t.store.markRunning(done, null, t.clock.instant(), "수집 중", "[00:00:00] go"));
        t.store.finish(done, TaskStatus.COMPLETED, Json.object(), null, "완료", "[00:00:01] done", t.clock.instant());
        TestApi.Response r = resume(done, null);
        assertEquals(409, r.status());
        assertTrue(r.json().get("error").asText().contains("completed"), r.json().toString());

        String running = start("babitalk", "{}");
        t.store.markRunning(running, null, t.clock.instant(), "수집 중", "[00:00:00] go");
        assertEquals(409, resume(running, null).status());
        assertEquals(409, resume(start("babitalk", "{}"), null).status(), "pending");
    }

    @Test
    void unknownAndMalformedIdsAndBadBodies() {
        assertEquals(404, resume("00000000-0000-4000-8000-000000000000", null).status());
        TestApi.Response malformed = resume("not-a-task", null);
        assertEquals(400, malformed.status());
        assertEquals("task_id", malformed.json().get("field").asText());
        String id = start("babitalk", "{}");
        fail(id);
        TestApi.Response token = resume(id, "{\"token\": \"x\"}");
        assertEquals(400, token.status(), "a Babitalk collection has no secret to bring");
        assertEquals("token", token.json().get("field").asText());
        assertEquals(400, resume(id, "[1]").status());
        assertEquals(TaskStatus.FAILED, t.store.get(id).orElseThrow().status(), "refused resumes change nothing");
    }

    @Test
    void aResumeMayBringFreshSecretsAndNeverShowsThem() {
        String id = start("naver", "{\"cafe_id\": \"10912875\", \"naver_cookies\": \"NID_AUT=old\"}");
        fail(id);
        assertNull(t.store.secrets(id).naverCookies(), "a finished task's secrets were deleted");
        TestApi.Response r = resume(id, "{\"naver_cookies\": \"NID_AUT=fresh; NID_SES=fresh\"}");
        assertEquals(202, r.status(), r.toString());
        assertTrue(!r.raw().getBody().contains("NID_AUT"));
        assertEquals("NID_AUT=fresh; NID_SES=fresh", t.store.secrets(id).naverCookies());
    }

    @Test
    void aResumeWhoseExecutionCannotStartEndsFailedAgain() {
        String id = start("babitalk", "{}");
        fail(id);
        t.launcher.failStarts = true;
        captureMetrics();
        assertEquals(503, resume(id, null).status());
        assertEquals(TaskStatus.FAILED, t.store.get(id).orElseThrow().status());
        assertEquals(1, sum(Metric.COLLECTIONS_FAILED, Map.of(Dimension.PLATFORM, "babitalk", Dimension.CAUSE, "not_started")),
                "a resume that could not start ends counted as failed, like a start: " + emitted);
        assertEquals(0, sum(Metric.COLLECTIONS_STARTED, Map.of(Dimension.PLATFORM, "babitalk")), "and not as started");
        t.launcher.failStarts = false;
        assertEquals(202, resume(id, null).status(), "and can be resumed once the workflow starts again");
    }
}
