package dev.gleaner.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.Routes;
import dev.gleaner.checks.aws.AwsCall;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.workflow.QueueLimits;
import dev.gleaner.web.WebRoutes;
import dev.gleaner.workflow.callback.CallbackSender;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Every file in events/, in the order they run against one local deployment: what each one needs
 * to find (seeded with the code's own stores), which function gets it, and what kind of answer is
 * expected. API events go to the function their route names in {@link Routes#ALL}; the workflow
 * events follow one collection (T1) through the state machine's steps, the way an execution would.
 */
final class EventCatalog {
    // Task ids the event files name (see events/).
    static final String T1 = "6f1c2b9e-4d3a-4e8b-9a51-0c7d2e3f4a10"; // babitalk: the workflow chain
    static final String T2 = "0b8e5a6d-1f2c-4a3b-8c9d-2e1f0a9b8c7d"; // naver: its execution failed
    static final String T3 = "a4d9c8e7-5b6a-4f1e-9d2c-3b4a5f6e7d81"; // cancelled while holding a slot
    static final String T4 = "c2f7e1d0-9a8b-4c6d-8e5f-1a2b3c4d5e6f"; // gangnamunni: cancelled through the API
    static final String T5 = "e9a1b2c3-d4e5-4f60-8172-93a4b5c6d7e8"; // babitalk: the run failed as a whole
    static final String T6 = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"; // cancelled while waiting in the queue
    static final String T7 = "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e"; // reaper: cancelled, its execution still runs
    static final String T8 = "8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f"; // reaper: cancelled, its ticket left behind
    static final String T9 = "9d0e1f2a-3b4c-4d5e-9f6a-7b8c9d0e1f2a"; // reaper: its execution failed, no event came
    static final String T10 = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"; // waited longer than MaxPendingHours
    static final String S1 = "7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e5f"; // scrape, completed
    static final String S2 = "f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f"; // scrape, its page answers
    static final String S3 = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"; // scrape, its page is busy
    static final String S4 = "2b3c4d5e-6f70-4182-9394-a5b6c7d8e9f0"; // scrape, in the dead-letter queue

    /** One event file: its function, what it needs, what it should produce. */
    record Case(String file, String function, Consumer<Seeds> given, BiConsumer<Outcome, Seeds> then) {}

    /** What an event produced. */
    record Outcome(LocalDeployment.Invocation invocation) {
        JsonNode json() {
            assertFalse(invocation.result().failed(), () -> invocation.function() + " failed: "
                    + invocation.result().errorType() + ": " + invocation.result().errorMessage());
            return parse(invocation.result().output());
        }

        int status() {
            return json().path("statusCode").asInt();
        }

        JsonNode body() {
            return parse(json().path("body").asText());
        }

        List<AwsCall> calls(String action) {
            return invocation.calls().stream().filter(c -> c.action().equals(action)).toList();
        }
    }

    private static final String BABITALK_T1 = """
            {"target_date": "2025-01-15", "categories": ["reviews", "talks"], "callback_url": "%s"}""";

    static List<Case> cases(LocalDeployment d) {
        return List.of(
                // ---- the collection workflow, step by step, on T1
                new Case("events/workflow/acquire-slot.json", "AcquireSlotFunction",
                        s -> s.pending(T1, Platform.BABITALK, BABITALK_T1.formatted(s.hook())),
                        (o, s) -> {
                            assertTrue(o.json().path("acquired").asBoolean(), o.json()::toString);
                            assertTrue(s.slots.holders().containsKey(T1));
                        }),
                new Case("events/workflow/mark-running.json", "MarkRunningFunction", s -> {},
                        (o, s) -> {
                            assertTrue(o.json().path("running").asBoolean(), o.json()::toString);
                            assertEquals(List.of("reviews", "talks"), o.json().path("categories").findValuesAsText("key"));
                            assertEquals(TaskStatus.RUNNING, task(s, T1).status());
                        }),
                new Case("events/workflow/collect-batch.json", "CollectBatchFunction", s -> {},
                        (o, s) -> {
                            // The fixture page has one review of 2025-01-15 and then an older one: done.
                            assertFalse(o.json().path("has_more").asBoolean(), o.json()::toString);
                            assertEquals(1, task(s, T1).progress());
                            assertEquals(1, s.records.itemsOfTask(T1, 10, null).items().size());
                        }),
                new Case("events/workflow/record-category-failure.json", "RecordCategoryFailureFunction", s -> {},
                        (o, s) -> {
                            assertTrue(o.json().path("failed").asBoolean(), o.json()::toString);
                            assertEquals("failed", s.tasks.categoryState(T1, "talks").get("status"));
                        }),
                new Case("events/workflow/finalize.json", "FinalizeFunction", s -> {},
                        (o, s) -> {
                            assertEquals("completed", o.json().path("status").asText(), o.json()::toString);
                            assertFalse(s.slots.holders().containsKey(T1), "the slot is released");
                            assertSignedCallback(d, T1, "completed");
                        }),
                new Case("events/workflow/execution-succeeded.json", "ExecutionCleanupFunction", s -> {},
                        (o, s) -> {
                            assertEquals("unchanged", o.json().path("outcome").asText(), o.json()::toString);
                            assertFalse(o.json().path("slot_released").asBoolean(), "Finalize released it already");
                        }),
                // ---- the other workflow paths
                new Case("events/workflow/finalize-run-failure.json", "FinalizeFunction",
                        s -> s.pending(T5, Platform.BABITALK, "{\"target_date\": \"2025-01-15\"}").queued(T5),
                        (o, s) -> {
                            // AcquireSlot timed out while the task waited in the queue: failed, ticket given up.
                            assertEquals("failed", o.json().path("status").asText(), o.json()::toString);
                            assertTrue(task(s, T5).error().contains("timed out"), task(s, T5).error());
                            assertTrue(s.slots.tickets().stream().noneMatch(t -> t.taskId().equals(T5)), "ticket left");
                            s.unblocked(T5);
                        }),
                new Case("events/workflow/acquire-slot-waited-too-long.json", "AcquireSlotFunction",
                        s -> s.pendingSince(T10, Platform.BABITALK, "{\"target_date\": \"2025-01-15\", \"callback_url\": \""
                                + s.hook() + "\"}", s.clock.instant().minus(Duration.ofHours(25))),
                        (o, s) -> {
                            assertFalse(o.json().path("acquired").asBoolean(), o.json()::toString);
                            CollectionTask t = task(s, T10);
                            assertEquals(TaskStatus.FAILED, t.status());
                            assertEquals(QueueLimits.neverGotASlot(Duration.ofHours(24),
                                    s.slots.maxHolders()), t.error());
                            assertSignedCallback(d, T10, "failed");
                        }),
                new Case("events/workflow/release-slot.json", "ReleaseSlotFunction",
                        s -> s.pending(T3, Platform.BABITALK, "{}").holdingSlot(T3).cancelled(T3),
                        (o, s) -> {
                            assertTrue(o.json().path("released").asBoolean(), o.json()::toString);
                            assertFalse(s.slots.holders().containsKey(T3));
                        }),
                new Case("events/workflow/execution-failed.json", "ExecutionCleanupFunction",
                        s -> s.pending(T2, Platform.NAVER, "{\"cafe_id\": \"10912875\", \"target_date\": \"2025-01-15\","
                                + " \"callback_url\": \"" + s.hook() + "\"}").running(T2).holdingSlot(T2),
                        (o, s) -> {
                            assertEquals("marked failed", o.json().path("outcome").asText(), o.json()::toString);
                            assertTrue(o.json().path("slot_released").asBoolean());
                            CollectionTask t = task(s, T2);
                            assertEquals(TaskStatus.FAILED, t.status());
                            assertTrue(t.error().contains("FAILED"), t.error());
                            assertSignedCallback(d, T2, "failed");
                        }),
                // ---- T2 failed: resumed, as the same task under a new execution
                api("events/api/resume-task.json", s -> {}, (o, s) -> {
                    assertEquals(202, o.status(), o.json()::toString);
                    assertEquals(T2, o.body().path("id").asText());
                    assertEquals("pending", o.body().path("status").asText());
                    List<AwsCall> starts = o.calls("states:StartExecution");
                    assertEquals(1, starts.size(), () -> "calls: " + o.invocation().calls());
                    assertEquals(T2 + ".r1", starts.get(0).request().path("name").asText());
                    assertEquals(Json.object().put("task_id", T2), parse(starts.get(0).request().path("input").asText()));
                    assertEquals(List.of(LocalDeployment.stateMachineArn("CollectionStateMachine")
                            .replace(":stateMachine:", ":execution:") + ":" + T2),
                            o.calls("states:StopExecution").stream().map(AwsCall::resource).toList(),
                            "a stray run of the failed execution is stopped");
                    assertEquals(T2 + ".r1", task(s, T2).execution());
                }),
                // ---- the collections API
                api("events/api/start-babitalk.json", s -> {}, (o, s) -> FIRST.put("start", assertStarted(o, s, Platform.BABITALK))),
                api("events/api/start-babitalk-retried.json", s -> {}, (o, s) -> {
                    // The same Idempotency-Key and body: the first task again, nothing started twice.
                    assertEquals(202, o.status(), o.json()::toString);
                    assertEquals(FIRST.get("start"), o.body().path("task_id").asText());
                    assertEquals("true", o.json().path("headers").path(Endpoints.IDEMPOTENT_REPLAYED).asText(), o.json()::toString);
                    assertTrue(o.calls("states:StartExecution").isEmpty());
                }),
                api("events/api/start-babitalk-key-reused.json", s -> {}, (o, s) -> {
                    assertEquals(409, o.status(), o.json()::toString);
                    assertEquals(Endpoints.IDEMPOTENCY_KEY, o.body().path("field").asText());
                    assertTrue(o.calls("states:StartExecution").isEmpty());
                }),
                api("events/api/start-gangnamunni.json", s -> {}, (o, s) -> assertStarted(o, s, Platform.GANGNAMUNNI)),
                api("events/api/start-naver.json", s -> {}, (o, s) -> assertStarted(o, s, Platform.NAVER)),
                api("events/api/start-bad-date.json", s -> {}, (o, s) -> {
                    assertEquals(400, o.status(), o.json()::toString);
                    assertEquals("target_date", o.body().path("field").asText());
                    assertTrue(o.calls("states:StartExecution").isEmpty());
                }),
                api("events/api/start-unknown-platform.json", s -> {}, (o, s) -> assertEquals(404, o.status())),
                api("events/api/get-task.json", s -> {}, (o, s) -> {
                    assertEquals(200, o.status(), o.json()::toString);
                    assertEquals(T1, o.body().path("id").asText());
                    assertEquals("completed", o.body().path("status").asText());
                    assertFalse(o.body().toString().contains("naver_cookies"));
                }),
                api("events/api/get-task-not-found.json", s -> {}, (o, s) -> assertEquals(404, o.status())),
                api("events/api/list-tasks.json", s -> {}, (o, s) -> {
                    assertEquals(200, o.status(), o.json()::toString);
                    assertTrue(o.body().path("tasks").findValuesAsText("id").contains(T1), o.body()::toString);
                    o.body().path("tasks").forEach(t -> assertEquals("completed", t.path("status").asText()));
                }),
                api("events/api/status-summary.json", s -> {}, (o, s) -> {
                    assertEquals(200, o.status(), o.json()::toString);
                    assertTrue(o.body().path("completed").asInt() >= 1, o.body()::toString);
                    assertTrue(o.body().path("total_tasks").asInt() >= 5, o.body()::toString);
                }),
                api("events/api/task-items.json", s -> {}, (o, s) -> {
                    assertEquals(200, o.status(), o.json()::toString);
                    assertEquals(1, o.body().path("items").size(), o.body()::toString);
                    assertEquals("88123", o.body().path("items").get(0).path("source_id").asText());
                }),
                api("events/api/records.json", s -> {}, (o, s) -> {
                    assertEquals(200, o.status(), o.json()::toString);
                    assertTrue(o.body().path("items").findValuesAsText("source_id").contains("88123"), o.body()::toString);
                }),
                api("events/api/cancel-task.json",
                        s -> s.pending(T4, Platform.GANGNAMUNNI, "{\"target_date\": \"2025-01-15\"}").running(T4).holdingSlot(T4),
                        (o, s) -> {
                            assertEquals(200, o.status(), o.json()::toString);
                            assertEquals("cancelled", o.body().path("status").asText());
                            assertEquals(List.of(LocalDeployment.stateMachineArn("CollectionStateMachine")
                                    .replace(":stateMachine:", ":execution:") + ":" + T4),
                                    o.calls("states:StopExecution").stream().map(AwsCall::resource).toList());
                            assertFalse(s.slots.holders().containsKey(T4), "cancel gives the slot back");
                        }),
                api("events/api/cancel-pending-task.json",
                        s -> s.pending(T6, Platform.BABITALK, "{\"target_date\": \"2025-01-15\"}").queued(T6),
                        (o, s) -> {
                            assertEquals(200, o.status(), o.json()::toString);
                            assertEquals("cancelled", o.body().path("status").asText());
                            assertTrue(s.slots.tickets().stream().noneMatch(t -> t.taskId().equals(T6)),
                                    "the cancel gave up its place in the queue");
                            s.unblocked(T6);
                        }),
                new Case("events/workflow/execution-aborted.json", "ExecutionCleanupFunction", s -> {},
                        (o, s) -> {
                            assertEquals("cancel callback sent", o.json().path("outcome").asText(), o.json()::toString);
                            assertEquals(TaskStatus.CANCELLED, task(s, T4).status());
                        }),
                // ---- scheduled collections
                new Case("events/schedule/babitalk-daily.json", "ScheduledStartFunction", s -> {},
                        (o, s) -> FIRST.put("schedule", assertScheduled(o, s, Platform.BABITALK))),
                new Case("events/schedule/babitalk-daily-retry.json", "ScheduledStartFunction", s -> {},
                        (o, s) -> {
                            // EventBridge Scheduler delivered the same run again: the same task, no second start.
                            assertEquals(FIRST.get("schedule"), o.json().path("task_id").asText(), o.json()::toString);
                            assertTrue(o.json().path("replayed").asBoolean());
                            assertTrue(o.calls("states:StartExecution").isEmpty());
                        }),
                new Case("events/schedule/gangnamunni-daily.json", "ScheduledStartFunction", s -> {},
                        (o, s) -> {
                            String id = assertScheduled(o, s, Platform.GANGNAMUNNI);
                            assertEquals(LocalDeployment.GANGNAMUNNI_TOKEN, s.tasks.secrets(id).gangnamunniToken());
                        }),
                new Case("events/schedule/naver-daily.json", "ScheduledStartFunction", s -> {},
                        (o, s) -> {
                            String id = assertScheduled(o, s, Platform.NAVER);
                            assertEquals(LocalDeployment.NAVER_COOKIES, s.tasks.secrets(id).naverCookies());
                        }),
                // ---- the reaper, after three things were lost
                new Case("events/workflow/reaper.json", "ReaperFunction",
                        s -> s.pending(T7, Platform.BABITALK, "{\"target_date\": \"2025-01-15\"}").running(T7).holdingSlot(T7)
                                .cancelled(T7).execution(T7, "RUNNING")
                                .pending(T9, Platform.BABITALK, "{\"target_date\": \"2025-01-15\", \"callback_url\": \""
                                        + s.hook() + "\"}").running(T9).holdingSlot(T9).execution(T9, "FAILED")
                                .pending(T8, Platform.BABITALK, "{\"target_date\": \"2025-01-15\"}").queued(T8).cancelled(T8),
                        (o, s) -> {
                            assertTrue(o.json().path("tasks_failed").asInt() >= 1, o.json()::toString);
                            assertEquals(List.of(LocalDeployment.stateMachineArn("CollectionStateMachine")
                                    .replace(":stateMachine:", ":execution:") + ":" + T7),
                                    o.calls("states:StopExecution").stream().map(AwsCall::resource).toList(),
                                    "the cancelled task's execution is stopped");
                            assertFalse(s.slots.holders().containsKey(T7));
                            assertFalse(s.slots.holders().containsKey(T9));
                            assertTrue(s.slots.tickets().stream().noneMatch(t -> t.taskId().equals(T8)));
                            CollectionTask t9 = task(s, T9);
                            assertEquals(TaskStatus.FAILED, t9.status());
                            assertTrue(t9.error().contains("FAILED"), t9.error());
                            assertSignedCallback(d, T9, "failed");
                            assertEquals(0, s.slots.holderCount(), "the blockers had no task: their slots are freed too");
                        }),
                // ---- scrapes
                api("events/api/scrape-submit.json", s -> {}, (o, s) -> {
                    assertEquals(202, o.status(), o.json()::toString);
                    String id = o.body().path("task_id").asText();
                    FIRST.put("scrape", id);
                    assertEquals("pending", o.body().path("status").asText());
                    var sent = d.aws.messages().stream().filter(m -> m.caller().equals("ScrapeSubmitFunction")).toList();
                    assertEquals(List.of(Json.write(Map.of("task_id", id))),
                            sent.stream().map(m -> m.body()).toList(), "the message carries the task id only");
                }),
                api("events/api/scrape-submit-retried.json", s -> {}, (o, s) -> {
                    assertEquals(202, o.status(), o.json()::toString);
                    assertEquals(FIRST.get("scrape"), o.body().path("task_id").asText());
                    assertEquals("true", o.json().path("headers").path(Endpoints.IDEMPOTENT_REPLAYED).asText());
                    assertEquals(1, d.aws.messages().stream().filter(m -> m.caller().equals("ScrapeSubmitFunction")).count(),
                            "one message for both submits");
                }),
                api("events/api/scrape-submit-refused-address.json", s -> {}, (o, s) -> {
                    assertEquals(400, o.status(), o.json()::toString);
                    assertEquals("url", o.body().path("field").asText());
                }),
                api("events/api/scrape-status.json", s -> s.completedScrape(S1, FixtureServer.PRODUCT_PATH),
                        (o, s) -> {
                            assertEquals(200, o.status(), o.json()::toString);
                            assertEquals("completed", o.body().path("status").asText());
                        }),
                api("events/api/scrape-result.json", s -> {}, (o, s) -> {
                    assertEquals(200, o.status(), o.json()::toString);
                    assertEquals("린넨 셔츠", o.body().path("product_info").path("title").asText());
                }),
                api("events/api/scrape-status-not-found.json", s -> {}, (o, s) -> assertEquals(404, o.status())),
                new Case("events/scraper/sqs-batch.json", "ScrapeWorkerFunction",
                        s -> s.pendingScrape(S2, FixtureServer.PRODUCT_PATH, null)
                                .pendingScrape(S3, FixtureServer.BUSY_PATH, null),
                        (o, s) -> {
                            // The product page is scraped; the busy one (503) is handed back for redelivery.
                            assertEquals(List.of("8e7d6c5b-4a39-4281-b7c6-d5e4f3a2b1c0"),
                                    o.json().path("batchItemFailures").findValuesAsText("itemIdentifier"), o.json()::toString);
                            var done = s.scrapes.get(S2).orElseThrow();
                            assertEquals(TaskStatus.COMPLETED, done.status(), () -> String.valueOf(done.error()));
                            assertEquals("린넨 셔츠", done.productInfo().title());
                            assertEquals(TaskStatus.RUNNING, s.scrapes.get(S3).orElseThrow().status());
                        }),
                // ---- the web console's files (no key, no AWS calls)
                new Case("events/web/console-index.json", WebRoutes.FUNCTION, s -> {}, (o, s) -> {
                    assertEquals(200, o.status(), o.json()::toString);
                    JsonNode headers = o.json().path("headers");
                    assertEquals("text/html; charset=utf-8", headers.path("Content-Type").asText());
                    assertTrue(headers.path("Content-Security-Policy").asText().contains("default-src 'none'"));
                    assertTrue(headers.path("ETag").asText().startsWith("\""), headers::toString);
                    assertTrue(o.json().path("body").asText().contains("console/js/app.js"));
                    assertTrue(o.invocation().calls().isEmpty(), "static files need no AWS call");
                }),
                new Case("events/web/console-file.json", WebRoutes.FUNCTION, s -> {}, (o, s) -> {
                    assertEquals(200, o.status(), o.json()::toString);
                    assertEquals("text/javascript; charset=utf-8", o.json().path("headers").path("Content-Type").asText());
                    assertFalse(o.json().path("isBase64Encoded").asBoolean());
                }),
                new Case("events/web/console-missing-file.json", WebRoutes.FUNCTION, s -> {}, (o, s) -> {
                    assertEquals(404, o.status(), o.json()::toString);
                    assertTrue(o.body().path("error").asText().contains("js/nope.js"), o.body()::toString);
                }),
                // The API's document names the deployment's own address (stage included); Swagger UI beside it.
                new Case("events/web/openapi.json", WebRoutes.FUNCTION, s -> {}, (o, s) -> {
                    assertEquals(200, o.status(), o.json()::toString);
                    assertEquals("https://1a2b3c4d5e.execute-api.us-east-1.amazonaws.com/prod",
                            o.body().at("/servers/0/url").asText());
                    assertEquals("3.1.0", o.body().path("openapi").asText());
                }),
                new Case("events/web/docs-index.json", WebRoutes.FUNCTION, s -> {}, (o, s) -> {
                    assertEquals(200, o.status(), o.json()::toString);
                    assertTrue(o.json().at("/headers/Content-Security-Policy").asText().contains("script-src 'self'"));
                    assertTrue(o.json().path("body").asText().contains("docs/swagger-ui-bundle.js"));
                }),
                new Case("events/scraper/dead-letter-batch.json", "ScrapeDeadLetterFunction",
                        s -> s.pendingScrape(S4, FixtureServer.BUSY_PATH, null).runningScrape(S4),
                        (o, s) -> {
                            assertEquals(0, o.json().path("batchItemFailures").size(), o.json()::toString);
                            var failed = s.scrapes.get(S4).orElseThrow();
                            assertEquals(TaskStatus.FAILED, failed.status());
                            assertNotNull(failed.error());
                        }));
    }

    /** An API event goes to the function its route names. */
    private static Case api(String file, Consumer<Seeds> given, BiConsumer<Outcome, Seeds> then) {
        JsonNode event = parse(Repo.read(file));
        Endpoints.Match match = Endpoints.match(event.path("httpMethod").asText(), event.path("path").asText());
        if (!match.found()) {
            throw new IllegalStateException(file + ": no route for " + event.path("httpMethod").asText() + " "
                    + event.path("path").asText());
        }
        return new Case(file, match.endpoint().function(), given, then);
    }

    static CollectionTask task(Seeds s, String id) {
        return s.tasks.get(id).orElseThrow(() -> new AssertionError("no task " + id));
    }

    /** The first task of an event whose retry follows it (by what the retry must find again). */
    private static final Map<String, String> FIRST = new ConcurrentHashMap<>();

    private static String assertStarted(Outcome o, Seeds s, Platform platform) {
        assertEquals(202, o.status(), o.json()::toString);
        String id = o.body().path("task_id").asText();
        assertEquals(platform, task(s, id).platform());
        assertExecutionStarted(o, id);
        return id;
    }

    private static String assertScheduled(Outcome o, Seeds s, Platform platform) {
        String id = o.json().path("task_id").asText();
        assertEquals(platform, task(s, id).platform(), o.json()::toString);
        assertExecutionStarted(o, id);
        return id;
    }

    /** One execution, named after the task, whose input is the task id and nothing else (no secrets). */
    private static void assertExecutionStarted(Outcome o, String id) {
        List<AwsCall> starts = o.calls("states:StartExecution");
        assertEquals(1, starts.size(), () -> "calls: " + o.invocation().calls());
        assertEquals(id, starts.get(0).request().path("name").asText());
        assertEquals(Json.object().put("task_id", id), parse(starts.get(0).request().path("input").asText()));
    }

    /** The callback for a task reached the receiver, signed with the key from the secret the template names. */
    private static void assertSignedCallback(LocalDeployment d, String taskId, String status) {
        var received = d.fixtures.callbacks().stream()
                .filter(c -> parse(c.body()).path("id").asText().equals(taskId)).toList();
        assertEquals(1, received.size(), "one callback for " + taskId);
        var callback = received.get(0);
        assertEquals(status, parse(callback.body()).path("status").asText());
        long timestamp = Long.parseLong(callback.header(CallbackSender.TIMESTAMP_HEADER));
        assertNotNull(callback.header(CallbackSender.DELIVERY_HEADER));
        assertEquals("sha256=" + CallbackSender.sign(LocalDeployment.CALLBACK_KEY, timestamp, callback.body()),
                callback.header(CallbackSender.SIGNATURE_HEADER));
    }


    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private EventCatalog() {}
}
