package dev.gleaner.local.crosscheck;

import dev.gleaner.local.Teardown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gleaner.asl.Execution;
import dev.gleaner.asl.ExecutionStatus;
import dev.gleaner.asl.ExecutorOptions;
import dev.gleaner.asl.HistoryEvent;
import dev.gleaner.asl.HistoryEventType;
import dev.gleaner.asl.TaskInvoker;
import dev.gleaner.aws.idempotency.DynamoIdempotencyStore;
import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tables.TableDefinitions;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CollectionService;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.workflow.WorkflowLauncher;
import dev.gleaner.embedded.EmbeddedDynamo;
import dev.gleaner.local.lambda.LambdaInvokeServer;
import dev.gleaner.local.workflow.LocalLambdas;
import dev.gleaner.local.workflow.LocalWorkflow;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.WorkflowFunctions;
import dev.gleaner.workflow.callback.CallbackSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployed definition, read by two independent ASL interpreters: the project's Java executor
 * (through {@link LocalWorkflow}) and aws-local-stepfunctions (a Node process whose Tasks call
 * the same handler instances through {@link LambdaInvokeServer}). Each scenario runs once on
 * each, against the same DynamoDB Local tables and the same scripted collector, and both must
 * leave the task in the same final state and walk the same states.
 *
 * <p>Cancels go through {@link CollectionService#cancel} with the StopExecution withheld (the
 * launcher's stop does nothing), so that the definition's own checks, not an external stop,
 * decide how the run ends. One scenario stops the execution itself instead, as an operator would:
 * then the status-change cleanup (LocalWorkflow's listener; called by this test after the Node
 * run, as EventBridge would) has to finish the task.
 *
 * <p>Known difference, normalized before comparing: on a Lambda function error AWS (and the Java
 * executor) give the Catch a Cause that is the runtime's JSON error payload, from which
 * {@code ErrorCause} takes the message; aws-local-stepfunctions gives the text
 * {@code "<errorType>: <errorMessage>"} instead, so the recorded error texts gain that prefix.
 */
class InterpreterCrossCheckTest {
    private static final Platform PLATFORM = Platform.BABITALK;
    private static final int RETRY_MS = 5;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120); // a bound for a busy 2-core machine, not a pace
    /** "dev.gleaner.workflow.errors.SourceFailedError: " as aws-local-stepfunctions prefixes a cause. */
    private static final Pattern ERROR_TYPE_PREFIX = Pattern.compile("\\b[a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)*\\.[A-Z][A-Za-z0-9_$]*: ");

    private static final CrossCheckCollector COLLECTOR = new CrossCheckCollector(PLATFORM);
    private static DynamoTaskStore tasks;
    private static DynamoSemaphore slots;
    private static CollectionService service;
    private static LocalWorkflow javaWorkflow;
    private static LambdaInvokeServer lambdaEndpoint;
    /** Calls of each (function ARN, task id) that reached the Lambda endpoint. */
    private static final Map<String, AtomicInteger> endpointCalls = new ConcurrentHashMap<>();

    enum Interpreter { JAVA_EXECUTOR, AWS_LOCAL_STEPFUNCTIONS }

    /** How an execution ended, and the path it took. */
    record Outcome(String status, String error, List<String> statesEntered, Map<String, Integer> retries,
            Map<String, Integer> caught) {}

    /** The task after the run, and whether its slot was still held (before and after the cleanup). */
    record Final(CollectionTask task, Outcome outcome, boolean heldBeforeCleanup, boolean heldAfter) {}

    interface Started {
        int acquireAttempts();

        /** StopExecution from outside the API, without an error or cause. */
        void stop() throws Exception;

        Outcome await() throws Exception;
    }

    @BeforeAll
    static void start() throws Exception {
        AwsLocalStepFunctions.requireInstalled();
        EmbeddedDynamo dynamo = EmbeddedDynamo.shared();
        String prefix = "xcheck-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        TableDefinitions.ensureAll(dynamo.client(), prefix + "tasks", prefix + "semaphore", prefix + "records",
                prefix + "scrape");
        Clock clock = Clock.systemUTC();
        tasks = new DynamoTaskStore(dynamo.client(), prefix + "tasks", clock);
        slots = new DynamoSemaphore(dynamo.client(), prefix + "semaphore", 10, clock);
        WorkflowContext ctx = new WorkflowContext(tasks, slots, new DynamoRecordStore(dynamo.client(), prefix + "records"),
                p -> COLLECTOR, new CallbackSender(SafeHttpClient.shared(), () -> "unused"), clock);
        // Waits skipped, retries after 5 ms: the same timing the Node side gets from its overrides.
        javaWorkflow = new LocalWorkflow(ctx, new ExecutorOptions(0, 0, Duration.ofMillis(RETRY_MS), new Random(7), 16));
        // The Node interpreter calls the very handler instances the Java executor uses.
        LocalLambdas lambdas = javaWorkflow.lambdas();
        TaskInvoker counting = (resource, input) -> {
            endpointCalls.computeIfAbsent(resource + "|" + input.path("task_id").asText(), k -> new AtomicInteger())
                    .incrementAndGet();
            return lambdas.invoke(resource, input);
        };
        lambdaEndpoint = new LambdaInvokeServer("127.0.0.1", 0, LambdaInvokeServer.resolverFor(lambdas), counting).start();
        service = new CollectionService(tasks, new DynamoIdempotencyStore(dynamo.client(), prefix + "tasks", "id", clock),
                new WorkflowLauncher() {
            @Override
            public void start(String taskId, String execution) {
                // each test starts the execution on the interpreter it is checking
            }

            @Override
            public void stop(String execution, String reason) {
                // StopExecution withheld: the definition must end the run by itself
            }

            @Override
            public ExecutionState state(String execution) {
                return ExecutionState.RUNNING;
            }
        }, slots, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeAll(lambdaEndpoint, javaWorkflow);
    }

    @BeforeEach
    void reset() {
        COLLECTOR.reset();
    }

    @Test
    void happyPathWithASourceBackOff() throws Exception {
        Map<Interpreter, Final> results = both(Scenario.of("{\"categories\": [\"reviews\", \"talks\"], \"limit\": 12}", () -> {
            COLLECTOR.waitSecondsAfterFirstBatch = 1200; // the SourceBackOff Wait state, skipped by both
        }));
        Final f = results.get(Interpreter.JAVA_EXECUTOR);
        assertEquals(TaskStatus.COMPLETED, f.task().status());
        assertEquals(24, f.task().progress(), "limit 12 x 2 categories");
        assertNull(f.task().error());
        assertEquals(12, f.task().resultSummary().at("/categories/talks/new").asInt());
        assertEquals("SUCCEEDED", f.outcome().status());
        assertTrue(f.outcome().statesEntered().contains("SourceBackOff"), f.outcome().statesEntered().toString());
        assertBothAgree(results);
    }

    @Test
    void oneCategoryFailingForGoodIsRecordedAndTheOthersComplete() throws Exception {
        Map<Interpreter, Final> results = both(Scenario.of("{\"categories\": [\"reviews\", \"talks\", \"event_ask_memos\"], \"limit\": 5}", () -> {
            COLLECTOR.failingCategories.add("talks");
            COLLECTOR.transientFailuresLeft.set(2); // retried by the definition's Retry, then fine
        }));
        Final f = results.get(Interpreter.JAVA_EXECUTOR);
        assertEquals(TaskStatus.COMPLETED, f.task().status());
        assertEquals(10, f.task().progress());
        assertTrue(f.task().error().contains("talks"), f.task().error());
        assertTrue(f.task().resultSummary().at("/categories/talks/error").asText().contains("scripted failure of talks"));
        assertEquals(Map.of("CollectBatch", 1), f.outcome().caught());
        assertEquals(2, f.outcome().retries().getOrDefault("CollectBatch", 0), "two transient failures retried");
        assertBothAgree(results);
    }

    @Test
    void aPendingTaskCancelledWhileWaitingForASlotStopsWaiting() throws Exception {
        Map<Interpreter, Final> results = both(Scenario.whilePending(Interrupt.CANCEL_THROUGH_THE_API));
        Final f = results.get(Interpreter.JAVA_EXECUTOR);
        assertEquals(TaskStatus.CANCELLED, f.task().status());
        assertEquals(0, f.task().progress());
        assertNull(f.task().startedAt(), "never ran");
        assertTrue(f.outcome().statesEntered().contains("NotStarted"), f.outcome().statesEntered().toString());
        assertFalse(f.outcome().statesEntered().contains("MarkRunning"));
        assertBothAgree(results);
    }

    @Test
    void anExecutionStoppedFromOutsideWhilePendingFailsItsTaskThroughTheCleanup() throws Exception {
        Map<Interpreter, Final> results = both(Scenario.whilePending(Interrupt.STOP_THE_EXECUTION));
        Final f = results.get(Interpreter.JAVA_EXECUTOR);
        assertEquals("ABORTED", f.outcome().status());
        assertEquals(TaskStatus.FAILED, f.task().status());
        assertTrue(f.task().error().contains("ABORTED"), f.task().error());
        assertNotNull(f.task().expiresAt(), "the failed task expires like any other");
        assertBothAgree(results);
    }

    @Test
    void aTaskCancelledMidBatchEndsCancelledWithNoLaterWrite() throws Exception {
        Map<Interpreter, Final> results = both(new Scenario("{\"categories\": [\"reviews\"]}",
                () -> COLLECTOR.batchesPerCategory = 5, false, null, null, 2));
        Final f = results.get(Interpreter.JAVA_EXECUTOR);
        assertEquals(TaskStatus.CANCELLED, f.task().status());
        assertEquals(5, f.task().progress(), "only the batch before the cancel counts");
        assertEquals(2, f.outcome().statesEntered().stream().filter("CollectBatch"::equals).count(),
                "the loop stopped at the batch that saw the cancel");
        assertTrue(f.outcome().statesEntered().contains("Finalize"));
        assertBothAgree(results);
    }

    @Test
    void aFailedPlanFailsTheRunThroughTheFailState() throws Exception {
        Map<Interpreter, Final> results = both(Scenario.of("{\"categories\": [\"reviews\", \"talks\"]}",
                () -> COLLECTOR.failPlan = true));
        Final f = results.get(Interpreter.JAVA_EXECUTOR);
        assertEquals(TaskStatus.FAILED, f.task().status());
        assertTrue(f.task().error().contains("scripted plan failure"), f.task().error());
        assertEquals("FAILED", f.outcome().status());
        assertEquals("CollectionFailed", f.outcome().error());
        assertBothAgree(results);
    }

    // ---- running one scenario on both interpreters ----

    interface WhileRunning {
        void accept(String taskId, Started started) throws Exception;
    }

    /** How a scenario interrupts the run once {@code beforeInterrupt} returns. */
    enum Interrupt { CANCEL_THROUGH_THE_API, STOP_THE_EXECUTION }

    /**
     * One scenario: the start request's body, the collector's script, whether every slot is taken
     * by others meanwhile, when to interrupt the run (after {@code beforeInterrupt} returns, or by
     * a cancel from inside the collector's call for batch {@code cancelInBatch}), or never.
     */
    record Scenario(String body, Runnable script, boolean slotsTaken, WhileRunning beforeInterrupt, Interrupt interrupt,
            int cancelInBatch) {
        static Scenario of(String body, Runnable script) {
            return new Scenario(body, script, false, null, null, 0);
        }

        static Scenario whilePending(Interrupt interrupt) {
            return new Scenario("{\"categories\": [\"reviews\"]}", null, true, (id, started) -> {
                // Every slot is taken, so the execution waits in AcquireSlot's Retry; interrupt it there.
                waitFor(() -> started.acquireAttempts() >= 2);
                assertEquals(TaskStatus.PENDING, tasks.get(id).orElseThrow().status());
            }, interrupt, 0);
        }
    }

    private Map<Interpreter, Final> both(Scenario scenario) throws Exception {
        Map<Interpreter, Final> results = new TreeMap<>();
        for (Interpreter interpreter : Interpreter.values()) {
            COLLECTOR.reset();
            COLLECTOR.runTag = interpreter.name() + "-" + UUID.randomUUID();
            if (scenario.script() != null) {
                scenario.script().run();
            }
            List<String> blockers = new ArrayList<>();
            try {
                if (scenario.slotsTaken()) {
                    // An AcquireSlot invocation of the previous run may still be polling after its execution
                    // was stopped: it takes a freed slot, sees its task final and gives it back. Wait for that
                    // rather than fail on a slot that is about to be free.
                    for (int i = 0; i < slots.maxHolders(); i++) {
                        String b = "blocker-" + i;
                        blockers.add(b);
                        waitFor(() -> slots.poll(b, b, Instant.now().plusSeconds(3600), true).orElseThrow().held());
                    }
                }
                results.put(interpreter, run(interpreter, scenario));
            } finally {
                blockers.forEach(slots::release); // also those taken before a failure: the next scenario starts free
            }
        }
        return results;
    }

    private Final run(Interpreter interpreter, Scenario scenario) throws Exception {
        String id = service.start(PLATFORM, Json.parse(scenario.body())).id();
        if (scenario.cancelInBatch() > 0) {
            COLLECTOR.actionAtBatch = scenario.cancelInBatch();
            COLLECTOR.action = () -> service.cancel(id); // lands while the collector is mid-page
        }
        Started started = interpreter == Interpreter.JAVA_EXECUTOR ? startJava(id) : startNode(id);
        if (scenario.beforeInterrupt() != null) {
            scenario.beforeInterrupt().accept(id, started);
            if (scenario.interrupt() == Interrupt.STOP_THE_EXECUTION) {
                started.stop();
            } else {
                service.cancel(id);
            }
        }
        Outcome outcome = started.await();
        boolean heldBeforeCleanup = slots.holders().containsKey(id);
        if (interpreter == Interpreter.AWS_LOCAL_STEPFUNCTIONS) {
            // What EventBridge does on AWS and LocalWorkflow's listener does for the Java executor
            // (there, before await returns).
            cleanUp(id, outcome);
        }
        return new Final(tasks.get(id).orElseThrow(), outcome, heldBeforeCleanup, slots.holders().containsKey(id));
    }

    private static Started startJava(String id) {
        javaWorkflow.start(id);
        Execution execution = javaWorkflow.executor().find(id).orElseThrow();
        return new Started() {
            @Override
            public int acquireAttempts() {
                return (int) execution.history().stream().filter(e -> e.type() == HistoryEventType.LambdaFunctionScheduled
                        && "AcquireSlot".equals(e.stateName())).count();
            }

            @Override
            public void stop() {
                execution.stop(null, null);
            }

            @Override
            public Outcome await() throws InterruptedException {
                ExecutionStatus status = execution.await(RUN_TIMEOUT);
                assertTrue(status.isFinal(), "the Java executor finished within " + RUN_TIMEOUT);
                List<String> entered = new ArrayList<>();
                Map<String, Integer> retries = new TreeMap<>();
                Map<String, Integer> caught = new TreeMap<>();
                for (HistoryEvent e : execution.history()) {
                    if (e.type().name().endsWith("StateEntered")) {
                        entered.add(e.stateName());
                    } else if (e.type() == HistoryEventType.StateRetryScheduled) {
                        retries.merge(e.stateName(), 1, Integer::sum);
                    } else if (e.type() == HistoryEventType.StateCaught) {
                        caught.merge(e.stateName(), 1, Integer::sum);
                    }
                }
                return new Outcome(status.name(), execution.error().orElse(null), entered, retries, caught);
            }
        };
    }

    private static Started startNode(String id) throws Exception {
        AwsLocalStepFunctions.Running running = AwsLocalStepFunctions.start(lambdaEndpoint.endpoint(),
                LocalLambdas.substitutions(), Json.object().put("task_id", id), id, RETRY_MS, 1);
        return new Started() {
            @Override
            public int acquireAttempts() {
                AtomicInteger n = endpointCalls.get(WorkflowFunctions.ACQUIRE_SLOT.localArn() + "|" + id);
                return n == null ? 0 : n.get();
            }

            @Override
            public void stop() throws Exception {
                running.abort();
            }

            @Override
            public Outcome await() throws Exception {
                AwsLocalStepFunctions.Report r;
                try {
                    r = running.await(RUN_TIMEOUT);
                } finally {
                    running.destroy();
                }
                return new Outcome(r.status(), r.error(), r.statesEntered(), r.retries(), r.caught());
            }
        };
    }

    /** The "Step Functions Execution Status Change" event, as LocalWorkflow builds it. */
    private static void cleanUp(String id, Outcome outcome) {
        ObjectNode detail = Json.object();
        detail.put("executionArn", "arn:aws:states:local:000000000000:execution:gleaner-collection:" + id);
        detail.put("name", id);
        detail.put("status", outcome.status());
        detail.put("input", Json.write(Json.object().put("task_id", id)));
        detail.put("error", outcome.error());
        detail.putNull("cause");
        ObjectNode event = Json.object();
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("source", "aws.states");
        event.set("detail", detail);
        javaWorkflow.lambdas().handle(WorkflowFunctions.EXECUTION_CLEANUP, event);
    }

    // ---- comparing ----

    private static void assertBothAgree(Map<Interpreter, Final> results) {
        Final java = results.get(Interpreter.JAVA_EXECUTOR);
        Final node = results.get(Interpreter.AWS_LOCAL_STEPFUNCTIONS);
        assertNotNull(java);
        assertNotNull(node);
        assertEquals(comparable(java.task()), comparable(node.task()), "final task state, Java executor vs aws-local-stepfunctions");
        assertEquals(java.outcome().status(), node.outcome().status(), "execution status");
        assertEquals(java.outcome().error(), node.outcome().error(), "execution error");
        assertEquals(sorted(java.outcome().statesEntered()), sorted(node.outcome().statesEntered()),
                "states entered (as a multiset: Map iterations interleave)");
        assertEquals(withoutAcquire(java.outcome().retries()), withoutAcquire(node.outcome().retries()),
                "retries per state (AcquireSlot's depend on timing)");
        assertEquals(java.outcome().caught(), node.outcome().caught(), "catches per state");
        for (Final f : List.of(java, node)) {
            assertFalse(f.heldAfter(), "slot released");
        }
        // Unless stopped from outside, the definition itself gives the slot back on every path (Finalize,
        // ReleaseUnusedSlot, or never taken); the cleanup is only the safety net. Seen on the Node run,
        // where the cleanup comes after the execution has ended.
        if (!node.outcome().status().equals("ABORTED")) {
            assertFalse(node.heldBeforeCleanup(), "the definition released the slot before the cleanup ran");
        }
        // Eventually: a stopped execution's AcquireSlot invocation may still take a freed slot for a moment
        // before it sees its task final and gives it back; a slot that stays held fails here.
        Awaitility.await("no holder left").atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(5))
                .until(() -> slots.holderCount() == 0);
    }

    /** What must match: everything but ids, timestamps and the interpreter's error-cause wording. */
    private static JsonNode comparable(CollectionTask t) {
        ObjectNode o = Json.object();
        o.put("status", t.status().wire());
        o.put("progress", t.progress());
        o.put("total", t.total());
        o.put("current_step", t.currentStep());
        o.put("error", t.error() == null ? null : normalize(t.error()));
        o.set("result_summary", t.resultSummary() == null ? null : normalizeTexts(t.resultSummary().deepCopy()));
        o.put("started", t.startedAt() != null);
        o.put("completed", t.completedAt() != null);
        o.put("expires", t.expiresAt() != null);
        ArrayNode logs = o.putArray("logs");
        // Without the "[time] " prefix and sorted: categories run two at a time and interleave.
        t.logs().stream().map(l -> normalize(l.replaceFirst("^\\[[^]]*] ", ""))).sorted().forEach(logs::add);
        return o;
    }

    private static JsonNode normalizeTexts(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> o.set(e.getKey(), normalizeTexts(e.getValue())));
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, normalizeTexts(a.get(i)));
            }
        } else if (n.isTextual()) {
            return TextNode.valueOf(normalize(n.asText()));
        }
        return n;
    }

    private static String normalize(String s) {
        return ERROR_TYPE_PREFIX.matcher(s).replaceAll("");
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    private static Map<String, Integer> withoutAcquire(Map<String, Integer> retries) {
        Map<String, Integer> m = new TreeMap<>(retries);
        m.remove("AcquireSlot");
        return m;
    }

    private static void waitFor(Check check) {
        Awaitility.await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(5)).until(check::ok);
    }

    interface Check {
        boolean ok() throws Exception;
    }
}
