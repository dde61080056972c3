package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.asl.ExecutionStatus;
import dev.gleaner.asl.ExecutionStatusEvent;
import dev.gleaner.asl.TaskFailure;
import dev.gleaner.asl.TaskInvoker;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.workflow.QueueLimits;
import dev.gleaner.core.workflow.WorkflowLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Fault injection on the local runner: each failure the issue names, and in every case each task
 * reaches a final status, every slot and queue ticket is free at the end, and no record is lost
 * or duplicated.
 */
class SelfHealingTest {
    private static final String BASE = "/api/v1/async-collection";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration NO_REAPER = Duration.ofHours(1); // the tests run passes themselves

    private static LocalRunner runner(ScriptedCollector collector, LocalRunner.Faults faults) throws Exception {
        return LocalRunner.start(new LocalOptions("127.0.0.1", 0, null),
                new LocalRunner.Overrides(p -> collector, null), faults);
    }

    private static LocalRunner.Faults faults(UnaryOperator<WorkflowLauncher> launcher,
            Predicate<ExecutionStatusEvent> deliver) {
        return new LocalRunner.Faults(null, null, launcher, deliver, NO_REAPER);
    }

    /** A request, tried again while the runner answers 503 (as a client honouring Retry-After would). */
    private static HttpResponse<String> send(LocalRunner r, String method, String path, String body) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(r.baseUrl() + path));
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                return response;
            }
            Thread.sleep(20);
        }
    }

    private static String start(LocalRunner r, String body) throws Exception {
        HttpResponse<String> response = send(r, "POST", BASE + "/babitalk/start", body);
        assertEquals(202, response.statusCode(), response.body());
        return Json.parse(response.body()).get("task_id").asText();
    }

    private static JsonNode task(LocalRunner r, String id) throws Exception {
        return Json.parse(send(r, "GET", BASE + "/task/" + id, null).body());
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    /**
     * The task's status as the test sees it: read through DynamoDB Local's own client, past the
     * faults injected into the runner's (a burst longer than the SDK's retries would otherwise fail
     * the test's read, not the system under test).
     */
    private static TaskStatus status(LocalRunner r, String id) {
        return new DynamoTaskStore(r.dynamo().client(), LocalRunner.TASKS_TABLE, Clock.systemUTC()).get(id)
                .map(CollectionTask::status).orElse(null);
    }

    private static void assertNothingHeld(LocalRunner r) {
        assertEquals(0, r.slots().holderCount(), "every slot is free");
        assertEquals(List.of(), r.slots().tickets(), "no ticket is left in the queue");
    }

    /**
     * DynamoDB throttles and fails bursts of requests (some longer than the SDK's retries) and
     * Lambda invocations fail with the four Lambda service errors, before or after the handler ran:
     * every collection still completes with exactly its records.
     */
    @Test
    void throttledDynamoAndFailingLambdaInvokesStillCompleteEveryCollectionExactly() throws Exception {
        ScriptedCollector collector = new ScriptedCollector(Platform.BABITALK);
        collector.batchesPerCategory = 4;
        List<FaultyHttpClient> dynamo = new ArrayList<>();
        AtomicInteger lambdaFaults = new AtomicInteger();
        AtomicInteger invocations = new AtomicInteger();
        String[] lambdaErrors = {"Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                "Lambda.TooManyRequestsException"};
        // Every 7th invocation fails before its function runs, every 11th after it ran (the answer lost).
        UnaryOperator<TaskInvoker> flakyLambda = real -> (resource, input) -> {
            int n = invocations.incrementAndGet();
            String error = lambdaErrors[n % 4];
            if (n % 7 == 0) {
                lambdaFaults.incrementAndGet();
                throw new TaskFailure(error, "injected before the function ran");
            }
            JsonNode out = real.invoke(resource, input);
            if (n % 11 == 0) {
                lambdaFaults.incrementAndGet();
                throw new TaskFailure(error, "injected after the function ran (its answer was lost)");
            }
            return out;
        };
        LocalRunner.Faults faults = new LocalRunner.Faults(http -> {
            FaultyHttpClient f = new FaultyHttpClient(http, 7, 0.04, 12);
            dynamo.add(f);
            return f;
        }, flakyLambda, null, null, Duration.ofSeconds(2));
        try (LocalRunner r = runner(collector, faults)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(start(r, "{\"categories\": [\"reviews\", \"talks\"]}"));
            }
            for (String id : ids) {
                waitFor(id + " final", () -> {
                    TaskStatus s = status(r, id);
                    return s != null && s.isFinal();
                });
            }
            dynamo.forEach(FaultyHttpClient::heal);
            for (String id : ids) {
                JsonNode t = task(r, id);
                assertEquals("completed", t.get("status").asText(), t.toString());
                assertEquals(40, t.get("progress").asInt(), "2 categories x 4 batches x 5 posts, each counted once: " + t);
                JsonNode items = Json.parse(send(r, "GET", BASE + "/task/" + id + "/items?limit=200", null).body());
                Set<String> sources = ConcurrentHashMap.newKeySet();
                items.get("items").forEach(i -> sources.add(i.get("source_id").asText()));
                assertEquals(40, items.get("items").size(), "no record lost or linked twice");
                assertEquals(40, sources.size());
            }
            waitFor("slots released", () -> r.slots().holderCount() == 0);
            assertNothingHeld(r);
            assertTrue(dynamo.get(0).injected.get() > 20, "DynamoDB faults injected: " + dynamo.get(0).injected.get());
            assertTrue(lambdaFaults.get() >= 3 && lambdaFaults.get() * 20 >= invocations.get(),
                    "Lambda faults injected: " + lambdaFaults.get() + " of " + invocations.get() + " invocations");
        }
    }

    /** The cleanup event of an execution killed from outside never arrives: the reaper heals the task. */
    @Test
    void aKilledExecutionWhoseStatusEventIsLostIsHealedByTheReaper() throws Exception {
        ScriptedCollector collector = new ScriptedCollector(Platform.BABITALK);
        collector.batchesPerCategory = 50;
        collector.millisPerBatch = 50;
        Set<String> dropped = ConcurrentHashMap.newKeySet();
        try (LocalRunner r = runner(collector, faults(null, e -> !dropped.contains(e.name())))) {
            String id = start(r, "{\"categories\": [\"reviews\"]}");
            waitFor("running with progress", () -> r.tasks().get(id).map(t -> t.progress() >= 10).orElse(false));
            dropped.add(id);
            r.workflow().executor().find(id).orElseThrow().stop("Killed", "killed without any event");
            assertEquals(TaskStatus.RUNNING, status(r, id), "nothing told the task");
            assertEquals(1, r.slots().holderCount(), "its slot is still held");
            r.reaper().pass();
            CollectionTask t = r.tasks().get(id).orElseThrow();
            assertEquals(TaskStatus.FAILED, t.status());
            assertTrue(t.error().contains("ABORTED"), t.error());
            assertTrue(t.resultSummary().path("totals").path("collected").asInt() >= 10, "it keeps its counts");
            assertNothingHeld(r);
        }
    }

    /** StartExecution fails after the task was written: the start answers 503 and the task ends failed. */
    @Test
    void aStartExecutionThatFailsAfterTheWriteLeavesAFailedTaskAndNothingHeld() throws Exception {
        ScriptedCollector collector = new ScriptedCollector(Platform.BABITALK);
        UnaryOperator<WorkflowLauncher> failingStart = real -> new WorkflowLauncher() {
            @Override
            public void start(String taskId, String execution) {
                throw new IllegalStateException("StartExecution failed (injected)");
            }

            @Override
            public void stop(String execution, String reason) {
                real.stop(execution, reason);
            }

            @Override
            public ExecutionState state(String execution) {
                return real.state(execution);
            }
        };
        try (LocalRunner r = runner(collector, faults(failingStart, null))) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(r.baseUrl() + BASE + "/babitalk/start"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, response.statusCode(), response.body());
            JsonNode list = Json.parse(send(r, "GET", BASE + "/tasks", null).body());
            assertEquals(1, list.get("tasks").size());
            assertEquals("failed", list.get("tasks").get(0).get("status").asText());
            assertTrue(list.get("tasks").get(0).get("error").asText().contains("could not be started"));
            assertNothingHeld(r);
            r.reaper().pass();
            assertNothingHeld(r);
        }
    }

    /** StopExecution fails during a cancel: the cancel still answers 200 and the run ends by itself. */
    @Test
    void aStopExecutionThatFailsDoesNotFailTheCancel() throws Exception {
        ScriptedCollector collector = new ScriptedCollector(Platform.BABITALK);
        collector.batchesPerCategory = 200;
        collector.millisPerBatch = 20;
        UnaryOperator<WorkflowLauncher> failingStop = real -> new WorkflowLauncher() {
            @Override
            public void start(String taskId, String execution) {
                real.start(taskId, execution);
            }

            @Override
            public void stop(String execution, String reason) {
                throw new IllegalStateException("StopExecution failed (injected)");
            }

            @Override
            public ExecutionState state(String execution) {
                return real.state(execution);
            }
        };
        try (LocalRunner r = runner(collector, faults(failingStop, null))) {
            String id = start(r, "{\"categories\": [\"reviews\"]}");
            waitFor("running", () -> status(r, id) == TaskStatus.RUNNING);
            HttpResponse<String> cancel = send(r, "DELETE", BASE + "/task/" + id, null);
            assertEquals(200, cancel.statusCode(), cancel.body());
            assertEquals("cancelled", Json.parse(cancel.body()).get("status").asText());
            // Its execution sees the cancel at its next batch and ends; nothing is left held.
            waitFor("the execution ended", () -> r.workflow().executor().find(id).orElseThrow().status() != ExecutionStatus.RUNNING);
            r.reaper().pass();
            assertEquals(TaskStatus.CANCELLED, status(r, id));
            assertNothingHeld(r);
        }
    }

    /** A task that cannot get a slot within the configured time fails with an error that says so. */
    @Test
    void aTaskThatNeverGetsASlotFailsWithAnErrorSayingSo() throws Exception {
        ScriptedCollector collector = new ScriptedCollector(Platform.BABITALK);
        try (LocalRunner r = runner(collector, faults(null, null))) {
            Env.set(Env.MAX_PENDING_HOURS, "0.0005"); // 1.8 s (after start-up, which sets the runner's variables)
            List<String> blockers = new ArrayList<>();
            for (int i = 0; i < r.slots().maxHolders(); i++) {
                String b = "blocker-" + i;
                assertTrue(r.slots().poll(b, b, Instant.now().plusSeconds(3600), true).orElseThrow().held());
                blockers.add(b);
            }
            String id = start(r, "{\"categories\": [\"reviews\"]}");
            waitFor("failed", () -> status(r, id) == TaskStatus.FAILED);
            assertEquals(QueueLimits.neverGotASlot(QueueLimits.maxPending(), r.slots().maxHolders()),
                    r.tasks().get(id).orElseThrow().error());
            // The status is written first, then the ticket given up.
            waitFor("it gave up its place in the queue", () -> r.slots().tickets().isEmpty());
            blockers.forEach(r.slots()::release);
            assertNothingHeld(r);
        } finally {
            Env.set(Env.MAX_PENDING_HOURS, null);
        }
    }
}
