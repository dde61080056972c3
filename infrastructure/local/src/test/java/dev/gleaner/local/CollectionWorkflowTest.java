package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.asl.ExecutionStatus;
import dev.gleaner.asl.HistoryEventType;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.net.AddressPolicy;
import dev.gleaner.core.task.Platform;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.callback.CallbackSender;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The collection workflow end to end on the local runner: the deployed ASL file run by the
 * in-process executor against the real handlers, DynamoDB Local, and a scripted collector.
 */
class CollectionWorkflowTest {
    private static final String BASE = "/api/v1/async-collection";
    private static final String CALLBACK_SECRET = "test-secret";
    private static final ScriptedCollector BABITALK = new ScriptedCollector(Platform.BABITALK);
    private static final ScriptedCollector GANGNAMUNNI = new ScriptedCollector(Platform.GANGNAMUNNI);
    private static MockWebServer callbackServer;
    private static LocalRunner runner;

    @BeforeAll
    static void start() throws Exception {
        callbackServer = new MockWebServer();
        callbackServer.start();
        // Callbacks go to a public-looking name that a test resolver maps to loopback.
        SafeHttpClient http = SafeHttpClient.builder().addressPolicy(AddressPolicy.LOOPBACK_FOR_TESTS)
                .resolver(host -> List.of(InetAddress.getLoopbackAddress())).build();
        runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null), new LocalRunner.Overrides(
                p -> p == Platform.BABITALK ? BABITALK : GANGNAMUNNI, new CallbackSender(http, () -> CALLBACK_SECRET)));
    }

    @AfterAll
    static void stop() throws Exception {
        runner.close();
        callbackServer.close();
    }

    @BeforeEach
    void reset() {
        for (ScriptedCollector c : List.of(BABITALK, GANGNAMUNNI)) {
            c.batchesPerCategory = 3;
            c.postsPerBatch = 5;
            c.millisPerBatch = 0;
            c.failingCategories.clear();
            c.transientFailuresLeft.set(0);
            c.failAll = false;
        }
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return ContractHttp.send(b.build());
    }

    private static String start(String platform, String body) throws Exception {
        HttpResponse<String> r = send("POST", BASE + "/" + platform + "/start", body);
        assertEquals(202, r.statusCode(), r.body());
        return Json.parse(r.body()).get("task_id").asText();
    }

    private static JsonNode task(String id) throws Exception {
        return Json.parse(send("GET", BASE + "/task/" + id, null).body());
    }

    /** The guide's polling loop, faster: returns every status seen until a final one. */
    private static List<JsonNode> pollUntilFinished(String id) throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        Awaitility.await("task " + id + " finished").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    JsonNode t = task(id);
                    seen.add(t);
                    return t;
                }, t -> List.of("completed", "failed", "cancelled").contains(t.get("status").asText()));
        return seen;
    }

    @Test
    void aCollectionGoesFromPendingToCompletedWithProgressRising() throws Exception {
        BABITALK.millisPerBatch = 30;
        String id = start("babitalk", "{\"target_date\": \"2025-01-01\", \"categories\": [\"reviews\", \"talks\"], \"limit\": 12}");
        List<JsonNode> seen = pollUntilFinished(id);
        JsonNode last = seen.get(seen.size() - 1);
        assertEquals("completed", last.get("status").asText(), last.toString());
        int previous = 0;
        for (JsonNode s : seen) {
            assertTrue(s.get("progress").asInt() >= previous, "progress never goes down");
            assertTrue(s.get("progress").asInt() <= s.get("total").asInt(), "progress <= total");
            previous = s.get("progress").asInt();
        }
        assertEquals(24, last.get("progress").asInt(), "limit 12 x 2 categories, respected exactly");
        assertEquals(24, last.get("total").asInt());
        assertTrue(seen.stream().anyMatch(s -> s.get("status").asText().equals("running")), "seen running");
        assertNotNull(last.get("started_at").textValue());
        assertNotNull(last.get("completed_at").textValue());
        JsonNode summary = last.get("result_summary");
        assertEquals(12, summary.at("/categories/reviews/collected").asInt());
        assertEquals(12, summary.at("/categories/talks/new").asInt());
        assertTrue(summary.at("/categories/reviews/error").isNull());
        assertEquals(24, summary.at("/totals/collected").asInt());
        String logs = last.get("logs").toString();
        assertTrue(logs.contains("바비톡 데이터 수집 시작"), logs);
        assertTrue(logs.contains("시술후기 수집 중... ("), logs);
        assertTrue(logs.contains("바비톡 데이터 수집 완료"), logs);
        assertTrue(last.get("error").isNull());
        waitFor(() -> runner.slots().holderCount() == 0); // Finalize frees the slot right after the final status

        JsonNode items = Json.parse(send("GET", BASE + "/tasks?status=completed", null).body());
        assertTrue(items.get("tasks").size() >= 1);
    }

    private static String startReviewCollection() throws Exception {
        return start("babitalk", "{\"categories\": [\"reviews\"]}");
    }

    /** {@code n} Babitalk review collections, started one after the other. */
    private static List<String> startReviewCollections(int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(startReviewCollection());
        }
        return ids;
    }

    @Test
    void neverMoreThanTenRunAndAllTwentyFiveFinish() throws Exception {
        BABITALK.millisPerBatch = 40;
        BABITALK.batchesPerCategory = 2;
        List<String> ids = startReviewCollections(25);
        int maxRunning = 0;
        int maxHolders = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode summary = Json.parse(send("GET", BASE + "/status/summary", null).body());
            maxRunning = Math.max(maxRunning, summary.get("running").asInt());
            maxHolders = Math.max(maxHolders, runner.slots().holderCount());
            boolean allDone = true;
            for (String id : ids) {
                if (!task(id).get("status").asText().equals("completed")) {
                    allDone = false;
                    break;
                }
            }
            if (allDone) {
                break;
            }
            Thread.sleep(15);
        }
        for (String id : ids) {
            assertEquals("completed", task(id).get("status").asText());
        }
        assertTrue(maxRunning <= 10, "at most 10 running, saw " + maxRunning);
        assertTrue(maxHolders <= 10, "at most 10 slot holders, saw " + maxHolders);
        assertTrue(maxRunning >= 2, "they really ran concurrently, saw " + maxRunning);
        waitFor(() -> runner.slots().holderCount() == 0); // every slot released, right after each final status
    }

    @Test
    void cancelWhilePendingWhileRunningAndAfterFinishing() throws Exception {
        BABITALK.millisPerBatch = 60;
        BABITALK.batchesPerCategory = 200;
        // Fill every slot so that the next task stays pending.
        List<String> blockers = startReviewCollections(10);
        waitFor(() -> runner.slots().holderCount() == 10);
        String pending = startReviewCollection();
        // it asked for a slot and was told to wait: only then does "still pending" mean something
        waitFor(() -> runner.workflow().executor().find(pending).map(e -> e.history().stream().anyMatch(h ->
                h.type() == HistoryEventType.StateRetryScheduled
                        || h.type() == HistoryEventType.LambdaFunctionFailed)).orElse(false));
        assertEquals("pending", task(pending).get("status").asText());
        HttpResponse<String> c1 = send("DELETE", BASE + "/task/" + pending, null);
        assertEquals(200, c1.statusCode());
        assertEquals("cancelled", Json.parse(c1.body()).get("status").asText());

        String running = blockers.get(0);
        waitFor(() -> task(running).get("progress").asInt() > 0);
        HttpResponse<String> c2 = send("DELETE", BASE + "/task/" + running, null);
        assertEquals(200, c2.statusCode());
        assertEquals("cancelled", Json.parse(c2.body()).get("status").asText());
        int progressAtCancel = Json.parse(c2.body()).get("progress").asInt();
        for (String b : blockers.subList(1, blockers.size())) {
            assertEquals(200, send("DELETE", BASE + "/task/" + b, null).statusCode());
        }
        waitFor(() -> runner.slots().holderCount() == 0);
        // a collector mid-page finishes its batch: once the execution is over, nothing may have overwritten cancelled
        waitFor(() -> runner.workflow().executor().find(running).map(e -> e.status() != ExecutionStatus.RUNNING).orElse(true)
                && BABITALK.inFlight.get() == 0);
        JsonNode after = task(running);
        assertEquals("cancelled", after.get("status").asText());
        assertEquals(progressAtCancel, after.get("progress").asInt(), "no write after the cancel");
        assertEquals("cancelled", task(pending).get("status").asText());
        waitFor(() -> runner.workflow().executor().find(pending).map(e -> e.status() != ExecutionStatus.RUNNING).orElse(true));

        BABITALK.millisPerBatch = 0;
        BABITALK.batchesPerCategory = 1;
        String done = startReviewCollection();
        pollUntilFinished(done);
        assertEquals(409, send("DELETE", BASE + "/task/" + done, null).statusCode());
        waitFor(() -> runner.slots().holderCount() == 0);
    }

    @Test
    void aFailingCategoryIsRecordedAndTheOthersComplete() throws Exception {
        GANGNAMUNNI.failingCategories.add("free_chat");
        GANGNAMUNNI.transientFailuresLeft.set(2); // retried by the state machine, then fine
        String id = start("gangnamunni", "{\"categories\": [\"hospital_question\", \"free_chat\", \"review\"], \"limit\": 5}");
        List<JsonNode> seen = pollUntilFinished(id);
        JsonNode last = seen.get(seen.size() - 1);
        assertEquals("completed", last.get("status").asText(), last.toString());
        assertTrue(last.get("error").asText().contains("free_chat"), last.get("error").asText());
        assertTrue(last.at("/result_summary/categories/free_chat/error").asText().contains("scripted failure"));
        assertEquals(5, last.at("/result_summary/categories/review/collected").asInt());
        assertEquals(10, last.get("progress").asInt());
        waitFor(() -> runner.slots().holderCount() == 0);
    }

    @Test
    void aCollectorThatAlwaysFailsFailsTheTaskAndFreesTheSlot() throws Exception {
        GANGNAMUNNI.failAll = true;
        String id = start("gangnamunni", "{\"categories\": [\"hospital_question\", \"review\"]}");
        List<JsonNode> seen = pollUntilFinished(id);
        JsonNode last = seen.get(seen.size() - 1);
        assertEquals("failed", last.get("status").asText());
        assertTrue(last.get("error").asText().contains("scripted failure"), last.get("error").asText());
        assertNotNull(last.get("completed_at").textValue());
        waitFor(() -> runner.slots().holderCount() == 0);
    }

    @Test
    void anExecutionStoppedFromOutsideFailsItsTaskAndTheCallbackIsSigned() throws Exception {
        BABITALK.millisPerBatch = 50;
        BABITALK.batchesPerCategory = 500;
        callbackServer.enqueue(new MockResponse.Builder().code(200).build());
        String id = start("babitalk", "{\"categories\": [\"reviews\"], \"callback_url\": \"http://hooks.example.com:"
                + callbackServer.getPort() + "/gleaner\"}");
        waitFor(() -> task(id).get("progress").asInt() > 0);
        runner.workflow().executor().find(id).orElseThrow().stop("States.Aborted", "stopped by an operator");
        waitFor(() -> task(id).get("status").asText().equals("failed"));
        JsonNode failed = task(id);
        assertTrue(failed.get("error").asText().contains("ABORTED"), failed.get("error").asText());
        waitFor(() -> runner.slots().holderCount() == 0);

        RecordedRequest hook = callbackServer.takeRequest(10, TimeUnit.SECONDS);
        assertNotNull(hook, "the callback arrived");
        String body = hook.getBody().utf8();
        long timestamp = Long.parseLong(hook.getHeaders().get("X-Gleaner-Timestamp"));
        assertTrue(Math.abs(timestamp - Instant.now().getEpochSecond()) < 300, "a fresh timestamp: " + timestamp);
        assertEquals(36, hook.getHeaders().get("X-Gleaner-Delivery").length(), "a delivery id (UUID)");
        assertEquals("sha256=" + CallbackSender.sign(CALLBACK_SECRET, timestamp, body),
                hook.getHeaders().get("X-Gleaner-Signature"), "HMAC of \"<timestamp>.<body>\"");
        assertEquals("failed", Json.parse(body).get("status").asText());
        assertEquals(id, Json.parse(body).get("id").asText());
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(check::ok);
    }

}
