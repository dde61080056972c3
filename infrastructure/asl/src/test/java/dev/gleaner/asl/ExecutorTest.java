package dev.gleaner.asl;

import static dev.gleaner.asl.Asl.json;
import static dev.gleaner.asl.Asl.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lifecycle, concurrency, stop, listeners, limits. */
class ExecutorTest {

    private static final String MAP = "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.xs','MaxConcurrency':%d,"
            + "'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','End':true}}},'End':true}}}";

    /** Counts invocations in flight; the first {@code gate} callers wait until that many are in at once. */
    private static final class CountingInvoker implements TaskInvoker {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final List<Integer> order = new CopyOnWriteArrayList<>();
        final CountDownLatch gate;

        CountingInvoker(int gate) {
            this.gate = new CountDownLatch(gate);
        }

        @Override
        public JsonNode invoke(String resource, JsonNode input) {
            int now = inFlight.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            order.add(input.intValue());
            try {
                gate.countDown();
                Asl.block(gate);
                Thread.sleep(2); // widens the window in which an extra iteration would show up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return input;
        }
    }

    private static Executor mapExecutor(int maxConcurrency, TaskInvoker invoker) {
        return new Executor(Asl.machine(String.format(MAP, maxConcurrency)), invoker,
                new ExecutorOptions(0, 0, Duration.ofMillis(1), new Random(1), 12));
    }

    @Test
    void mapMaxConcurrencyIsRespected() {
        CountingInvoker invoker = new CountingInvoker(3);
        try (Executor executor = mapExecutor(3, invoker)) {
            Execution e = Asl.run(executor, "m", q("{'xs':[1,2,3,4,5,6,7,8,9,10]}"));
            assertEquals(json("[1,2,3,4,5,6,7,8,9,10]"), e.output().orElseThrow());
        }
        assertEquals(3, invoker.max.get(), "reached, and never exceeded, MaxConcurrency");
        assertEquals(10, invoker.order.size());
    }

    @Test
    void mapMaxConcurrencyOneRunsInOrder() {
        CountingInvoker invoker = new CountingInvoker(1);
        try (Executor executor = mapExecutor(1, invoker)) {
            Asl.run(executor, "m", q("{'xs':[5,4,3,2,1]}"));
        }
        assertEquals(1, invoker.max.get());
        assertEquals(List.of(5, 4, 3, 2, 1), invoker.order);
    }

    @Test
    void mapMaxConcurrencyZeroIsUnlimited() {
        CountingInvoker invoker = new CountingInvoker(8);
        try (Executor executor = mapExecutor(0, invoker)) {
            Asl.run(executor, "m", q("{'xs':[1,2,3,4,5,6,7,8]}"));
        }
        assertEquals(8, invoker.max.get(), "all eight iterations were in flight together");
    }

    @Test
    void maxConcurrencyPath() {
        CountingInvoker invoker = new CountingInvoker(2);
        StateMachine sm = Asl.machine("{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.xs','MaxConcurrencyPath':'$.limit',"
                + "'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','End':true}}},'End':true}}}");
        try (Executor executor = new Executor(sm, invoker, new ExecutorOptions(0, 0, Duration.ofMillis(1), new Random(1), 12))) {
            Asl.run(executor, "m", q("{'limit':2,'xs':[1,2,3,4,5,6]}"));
        }
        assertEquals(2, invoker.max.get());
    }

    @Test
    void stopDuringAWaitAbortsAtOnceAndNotifiesOnce() throws Exception {
        StateMachine sm = Asl.machine("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'Next':'T'},"
                + "'T':{'Type':'Task','Resource':'r','End':true}}}");
        List<ExecutionStatusEvent> events = new CopyOnWriteArrayList<>();
        AtomicInteger invocations = new AtomicInteger();
        try (Executor executor = new Executor(sm, (r, in) -> {
            invocations.incrementAndGet();
            return in;
        }, ExecutorOptions.defaults())) {
            executor.addListener(events::add);
            Execution e = executor.start("task-1", json(q("{'task_id':'1'}")));
            waitFor(e, HistoryEventType.WaitStateEntered);
            e.stop("TaskCancelled", "cancelled by the user");
            assertEquals(ExecutionStatus.ABORTED, e.status(), "aborted as soon as stop returns");
            assertEquals(ExecutionStatus.ABORTED, e.await(Asl.AWAIT));
            e.stop("Again", "ignored");
            assertEquals("TaskCancelled", e.error().orElseThrow());
            assertEquals("cancelled by the user", e.cause().orElseThrow());
            assertEquals(1, events.size());
            ExecutionStatusEvent event = events.get(0);
            assertEquals(ExecutionStatus.ABORTED, event.status());
            assertEquals("arn:aws:states:local:000000000000:execution:StateMachine:task-1", event.executionArn());
            assertEquals("task-1", event.name());
            assertEquals("TaskCancelled", event.error());
            assertEquals(json(q("{'task_id':'1'}")), event.input());
            assertTrue(!event.stopDate().isBefore(event.startDate()));
            assertEquals(HistoryEventType.ExecutionAborted, last(e).type());
        }
        assertEquals(0, invocations.get());
    }

    @Test
    void stopDuringARetryIntervalPreventsTheRetry() throws Exception {
        StateMachine sm = Asl.machine("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r',"
                + "'Retry':[{'ErrorEquals':['Busy'],'IntervalSeconds':3600}],'End':true}}}");
        AtomicInteger invocations = new AtomicInteger();
        try (Executor executor = new Executor(sm, (r, in) -> {
            invocations.incrementAndGet();
            throw new TaskFailure("Busy", "slot taken");
        }, ExecutorOptions.defaults())) {
            Execution e = executor.start("r", json("{}"));
            waitFor(e, HistoryEventType.StateRetryScheduled);
            e.stop(null, null);
            assertEquals(ExecutionStatus.ABORTED, e.await(Asl.AWAIT));
            assertTrue(e.error().isEmpty());
        }
        assertEquals(1, invocations.get());
    }

    @Test
    void stopDuringAnInvocationDiscardsItsResult() throws Exception {
        StateMachine sm = Asl.machine("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'first','Next':'B'},"
                + "'B':{'Type':'Task','Resource':'second','End':true}}}");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        List<String> called = new CopyOnWriteArrayList<>();
        List<ExecutionStatusEvent> events = new CopyOnWriteArrayList<>();
        try (Executor executor = Asl.executor(sm, (r, in) -> {
            called.add(r);
            started.countDown();
            Asl.block(release);
            finished.countDown();
            return in;
        })) {
            executor.addListener(events::add);
            Execution e = executor.start("x", json("{}"));
            assertTrue(started.await(20, TimeUnit.SECONDS));
            e.stop("Stopped", "test");
            assertEquals(ExecutionStatus.ABORTED, e.await(Asl.AWAIT));
            release.countDown();
            assertTrue(finished.await(20, TimeUnit.SECONDS), "the in-flight invocation runs to its end");
            List<HistoryEvent> history = e.history();
            assertEquals(HistoryEventType.ExecutionAborted, history.get(history.size() - 1).type());
            assertTrue(history.stream().noneMatch(h -> h.type() == HistoryEventType.LambdaFunctionSucceeded));
            assertEquals(1, events.size());
        }
        assertEquals(List.of("first"), called);
    }

    @Test
    void stopAbortsRunningMapIterations() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twoStarted = new CountDownLatch(2);
        AtomicInteger calls = new AtomicInteger();
        try (Executor executor = mapExecutor(2, (r, in) -> {
            calls.incrementAndGet();
            twoStarted.countDown();
            Asl.block(release);
            return in;
        })) {
            Execution e = executor.start("m", json(q("{'xs':[1,2,3,4,5]}")));
            assertTrue(twoStarted.await(20, TimeUnit.SECONDS));
            e.stop("S", "c");
            release.countDown();
            assertEquals(ExecutionStatus.ABORTED, e.await(Asl.AWAIT));
        }
        assertEquals(2, calls.get(), "no further iteration started after the stop");
    }

    @Test
    void listenersHearEveryFinalStatusOnceBeforeAwaitReturns() throws Exception {
        StateMachine sm = Asl.machine("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.ok',"
                + "'BooleanEquals':true,'Next':'Yes'}],'Default':'No'},'Yes':{'Type':'Succeed'},"
                + "'No':{'Type':'Fail','Error':'Nope','Cause':'not ok'}}}");
        List<ExecutionStatusEvent> events = new CopyOnWriteArrayList<>();
        try (Executor executor = Asl.executor(sm, (r, in) -> in)) {
            executor.addListener(events::add);
            executor.addListener(ev -> {
                throw new IllegalStateException("a broken listener must not hurt the others");
            });
            Execution good = Asl.run(executor, "good", q("{'ok':true}"));
            assertEquals(1, events.size(), "await returns after the listeners ran");
            Execution bad = Asl.run(executor, "bad", q("{'ok':false}"));
            assertEquals(2, events.size());
            assertEquals(ExecutionStatus.SUCCEEDED, events.get(0).status());
            assertEquals(json(q("{'ok':true}")), events.get(0).output());
            assertEquals(ExecutionStatus.FAILED, events.get(1).status());
            assertEquals("Nope", events.get(1).error());
            assertEquals("not ok", events.get(1).cause());
            assertEquals(ExecutionStatus.SUCCEEDED, good.status());
            assertEquals(ExecutionStatus.FAILED, bad.status());
        }
    }

    @Test
    void executionNamesAreUniqueAndValidated() {
        StateMachine sm = Asl.machine("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'End':true}}}");
        try (Executor executor = new Executor(sm, (r, in) -> in, ExecutorOptions.defaults())) {
            Execution first = executor.start("task-uuid-1", json("{}"));
            IllegalStateException dup = assertThrows(IllegalStateException.class, () -> executor.start("task-uuid-1", json("{}")));
            assertTrue(dup.getMessage().startsWith("ExecutionAlreadyExists"), dup.getMessage());
            first.stop(null, null);
            assertThrows(IllegalStateException.class, () -> executor.start("task-uuid-1", json("{}")),
                    "names stay taken after the end, as on AWS");
            assertSame(first, executor.find("task-uuid-1").orElseThrow());
            assertTrue(executor.find("other").isEmpty());
            assertEquals("arn:aws:states:local:000000000000:execution:StateMachine:task-uuid-1", first.executionArn());
            Execution generated = executor.start(null, null);
            assertEquals(36, generated.name().length());
            assertEquals(json("{}"), generated.input());
            assertEquals(2, executor.executions().size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "a/b", "a:b", "x*", "{x}", "tab\tname",
        "123456789012345678901234567890123456789012345678901234567890123456789012345678901"})
    void badExecutionNames(String name) {
        try (Executor executor = Asl.executor(Asl.machine("{'StartAt':'S','States':{'S':{'Type':'Succeed'}}}"), (r, in) -> in)) {
            assertThrows(IllegalArgumentException.class, () -> executor.start(name, json("{}")));
        }
    }

    @Test
    void stateMachineNameAppearsInArns() {
        StateMachine sm = Asl.machine("{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'sm.$':'$$.StateMachine.Id'},"
                + "'End':true}}}").named("GleanerCollection");
        try (Executor executor = Asl.executor(sm, (r, in) -> in)) {
            Execution e = Asl.run(executor, "t1", "{}");
            assertEquals("arn:aws:states:local:000000000000:execution:GleanerCollection:t1", e.executionArn());
            assertEquals("arn:aws:states:local:000000000000:stateMachine:GleanerCollection",
                    e.output().orElseThrow().get("sm").textValue());
        }
    }

    @Test
    void executionTimeout() throws Exception {
        TestScheduler scheduler = new TestScheduler();
        StateMachine sm = Asl.machine("{'TimeoutSeconds':90,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'End':true}}}");
        ExecutorOptions realWaits = new ExecutorOptions(1, 1, Duration.ofMillis(1), new Random(1), 2);
        try (Executor executor = Asl.executor(sm, (r, in) -> in, realWaits, scheduler)) {
            Execution e = executor.start("t", json("{}"));
            waitFor(e, HistoryEventType.WaitStateEntered);
            assertEquals(1, scheduler.heldCount(DelayScheduler.Kind.WAIT));
            assertEquals(List.of(90_000.0), scheduler.delaysMillis(DelayScheduler.Kind.EXECUTION_TIMEOUT));
            scheduler.fire(DelayScheduler.Kind.EXECUTION_TIMEOUT);
            assertEquals(ExecutionStatus.TIMED_OUT, e.await(Asl.AWAIT));
            assertEquals("States.Timeout", e.error().orElseThrow());
            assertEquals(0, scheduler.heldCount(DelayScheduler.Kind.WAIT), "the pending wait was cancelled");
        }
    }

    @Test
    void historyLimitFailsARunawayLoop() {
        Execution e = Asl.run("{'StartAt':'Init','States':{'Init':{'Type':'Pass','Result':0,'ResultPath':'$.n','Next':'Inc'},"
                + "'Inc':{'Type':'Pass','Parameters':{'n.$':'States.MathAdd($.n, 1)'},'Next':'Loop'},"
                + "'Loop':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericLessThan':1000000,'Next':'Inc'}],'Default':'Done'},"
                + "'Done':{'Type':'Succeed'}}}", "{}");
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals("States.Runtime", e.error().orElseThrow());
        assertTrue(e.cause().orElseThrow().contains("25000"));
        assertEquals(Executor.HISTORY_EVENT_LIMIT + 2, e.historySize(), "the event past the limit and ExecutionFailed");
    }

    @Test
    void historySizeCountsWhatAwsWouldRecord() {
        Execution e = Asl.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['E']}],"
                + "'End':true}}}", new TaskInvoker() {
                    private final AtomicInteger n = new AtomicInteger();

                    @Override
                    public JsonNode invoke(String resource, JsonNode input) throws TaskFailure {
                        if (n.getAndIncrement() == 0) {
                            throw new TaskFailure("E", "once");
                        }
                        return input;
                    }
                }, "{}");
        List<HistoryEventType> types = new ArrayList<>();
        e.history().forEach(h -> types.add(h.type()));
        assertEquals(List.of(HistoryEventType.ExecutionStarted, HistoryEventType.TaskStateEntered,
                HistoryEventType.LambdaFunctionScheduled, HistoryEventType.LambdaFunctionStarted,
                HistoryEventType.LambdaFunctionFailed, HistoryEventType.StateRetryScheduled,
                HistoryEventType.LambdaFunctionScheduled, HistoryEventType.LambdaFunctionStarted,
                HistoryEventType.LambdaFunctionSucceeded, HistoryEventType.TaskStateExited,
                HistoryEventType.ExecutionSucceeded), types);
        assertEquals(10, e.historySize(), "the local-only StateRetryScheduled is not counted");
        for (int i = 0; i < types.size(); i++) {
            assertEquals(i + 1, e.history().get(i).id());
        }
    }

    @Test
    void returnedJsonIsACopy() {
        try (Executor executor = Asl.executor(Asl.machine("{'StartAt':'P','States':{'P':{'Type':'Pass','Result':{'a':1},'End':true}}}"),
                (r, in) -> in)) {
            Execution e = Asl.run(executor, "c", "{}");
            ((ObjectNode) e.output().orElseThrow()).put("a", 2);
            assertEquals(json(q("{'a':1}")), e.output().orElseThrow());
            Execution again = Asl.run(executor, "c2", "{}");
            assertEquals(json(q("{'a':1}")), again.output().orElseThrow(), "the definition's Result was not changed");
        }
    }

    @Test
    void manyExecutionsAtOnce() throws Exception {
        StateMachine sm = Asl.machine("{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.xs','MaxConcurrency':2,"
                + "'ItemSelector':{'x.$':'$$.Map.Item.Value','id.$':'$.id'},"
                + "'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['Odd'],"
                + "'MaxAttempts':1}],'End':true}}},'ResultPath':'$.out','Next':'Sum'},"
                + "'Sum':{'Type':'Pass','Parameters':{'count.$':'States.ArrayLength($.out)','id.$':'$.id'},'End':true}}}");
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        TaskInvoker invoker = (r, in) -> {
            // Odd items fail once, so retries interleave with the other executions' work.
            if (in.get("x").intValue() % 2 == 1 && failedOnce.add(in.get("id") + "/" + in.get("x"))) {
                throw new TaskFailure("Odd", "transient");
            }
            return in;
        };
        try (Executor executor = new Executor(sm, invoker, new ExecutorOptions(0, 0, Duration.ofMillis(1), new Random(3), 6))) {
            List<Execution> all = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                all.add(executor.start("e" + i, json(q("{'id':" + i + ",'xs':[1,2,3,4,5]}"))));
            }
            for (int i = 0; i < all.size(); i++) {
                Execution e = all.get(i);
                assertEquals(ExecutionStatus.SUCCEEDED, e.await(Asl.AWAIT), () -> e.error() + " " + e.cause());
                assertEquals(json(q("{'count':5,'id':" + i + "}")), e.output().orElseThrow());
            }
        }
        assertEquals(60 * 3, failedOnce.size());
    }

    @Test
    void closeAbortsRunningExecutionsAndRefusesNewOnes() throws Exception {
        StateMachine sm = Asl.machine("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'End':true}}}");
        List<ExecutionStatusEvent> events = new CopyOnWriteArrayList<>();
        Executor executor = new Executor(sm, (r, in) -> in, ExecutorOptions.defaults());
        executor.addListener(events::add);
        Execution e = executor.start("w", json("{}"));
        waitFor(e, HistoryEventType.WaitStateEntered);
        executor.close();
        assertEquals(ExecutionStatus.ABORTED, e.await(Asl.AWAIT));
        assertEquals("Executor.Closed", e.error().orElseThrow());
        assertEquals(1, events.size());
        assertThrows(IllegalStateException.class, () -> executor.start("later", json("{}")));
        executor.close();
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ExecutorOptions(-1, 1, Duration.ZERO, new Random(), 1));
        assertThrows(IllegalArgumentException.class, () -> new ExecutorOptions(1, Double.NaN, Duration.ZERO, new Random(), 1));
        assertThrows(IllegalArgumentException.class, () -> new ExecutorOptions(1, 1, Duration.ofMillis(-1), new Random(), 1));
        assertThrows(NullPointerException.class, () -> new ExecutorOptions(1, 1, Duration.ZERO, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExecutorOptions(1, 1, Duration.ZERO, new Random(), 0));
        assertFalse(ExecutorOptions.immediate(1).waitScale() > 0);
    }

    private static HistoryEvent last(Execution e) {
        List<HistoryEvent> h = e.history();
        return h.get(h.size() - 1);
    }

    /** Polls the history (no timing assertion: only a generous upper bound against hanging). */
    private static void waitFor(Execution e, HistoryEventType type) {
        Awaitility.await("a " + type + " event").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(2))
                .until(() -> e.history().stream().anyMatch(h -> h.type() == type));
    }
}
