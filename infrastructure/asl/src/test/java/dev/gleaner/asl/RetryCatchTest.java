package dev.gleaner.asl;

import static dev.gleaner.asl.Asl.json;
import static dev.gleaner.asl.Asl.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry and Catch semantics; delays are observed through the test scheduler, never waited for. */
class RetryCatchTest {

    /** Fails with the given error names in turn, then succeeds with the count of calls. */
    private static final class Failing implements TaskInvoker {
        final List<String> errors;
        final List<JsonNode> inputs = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        Failing(String... errors) {
            this.errors = List.of(errors);
        }

        @Override
        public JsonNode invoke(String resource, JsonNode input) throws TaskFailure {
            inputs.add(input);
            int n = calls.getAndIncrement();
            if (n < errors.size()) {
                throw new TaskFailure(errors.get(n), "failure " + (n + 1));
            }
            return json(q("{'calls':" + (n + 1) + "}"));
        }
    }

    private static ExecutorOptions realScale() {
        return new ExecutorOptions(1.0, 1.0, Duration.ofMillis(1), new Random(42), 4);
    }

    private static String task(String retryAndCatch) {
        String caught = retryAndCatch.contains("'Caught'") ? ",'Caught':{'Type':'Pass','End':true}" : "";
        return "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r'," + retryAndCatch + ",'End':true}" + caught + "}}";
    }

    private static Execution run(String def, TaskInvoker invoker, ExecutorOptions options, TestScheduler scheduler) {
        try (Executor executor = Asl.executor(Asl.machine(def), invoker, options, scheduler)) {
            return Asl.run(executor, "r", "{'in':1}".replace('\'', '"'));
        }
    }

    @Test
    void defaultsAreOneSecondBackoffTwoThreeAttempts() {
        TestScheduler scheduler = new TestScheduler(DelayScheduler.Kind.RETRY);
        Failing invoker = new Failing("E", "E", "E", "E");
        Execution e = run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Retry':[{'ErrorEquals':['E']}],'End':true}}}",
                invoker, realScale(), scheduler);
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals("E", e.error().orElseThrow());
        assertEquals("failure 4", e.cause().orElseThrow());
        assertEquals(4, invoker.calls.get());
        assertEquals(List.of(1_000.0, 2_000.0, 4_000.0), scheduler.delaysMillis(DelayScheduler.Kind.RETRY));
    }

    @Test
    void backoffRateAndMaxDelaySeconds() {
        TestScheduler scheduler = new TestScheduler(DelayScheduler.Kind.RETRY);
        Failing invoker = new Failing("E", "E", "E", "E");
        Execution e = run(task("'Retry':[{'ErrorEquals':['E'],'IntervalSeconds':2,'BackoffRate':3,'MaxAttempts':5,"
                + "'MaxDelaySeconds':10}]"), invoker, realScale(), scheduler);
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        assertEquals(json(q("{'calls':5}")), e.output().orElseThrow());
        assertEquals(List.of(2_000.0, 6_000.0, 10_000.0, 10_000.0), scheduler.delaysMillis(DelayScheduler.Kind.RETRY));
    }

    @Test
    void retryScaleAndTheMinimumDelay() {
        TestScheduler scaled = new TestScheduler(DelayScheduler.Kind.RETRY);
        run(task("'Retry':[{'ErrorEquals':['E'],'IntervalSeconds':4}]"), new Failing("E", "E"),
                new ExecutorOptions(0, 0.25, Duration.ofMillis(1), new Random(1), 2), scaled);
        assertEquals(List.of(1_000.0, 2_000.0), scaled.delaysMillis(DelayScheduler.Kind.RETRY));

        TestScheduler zero = new TestScheduler(DelayScheduler.Kind.RETRY);
        run(task("'Retry':[{'ErrorEquals':['E'],'IntervalSeconds':4}]"), new Failing("E", "E"),
                new ExecutorOptions(0, 0, Duration.ofMillis(5), new Random(1), 2), zero);
        assertEquals(List.of(5.0, 5.0), zero.delaysMillis(DelayScheduler.Kind.RETRY), "scale 0 still waits minRetryDelay");
    }

    @Test
    void fullJitterIsUniformUpToTheCappedBackoff() {
        Random half = new Random() {
            @Override
            public double nextDouble() {
                return 0.5;
            }
        };
        Model.Retrier r = new Model.Retrier(List.of("E"), 3, 10, 2.0, 20, true);
        assertEquals(1.5, r.delaySeconds(1, half));
        assertEquals(3.0, r.delaySeconds(2, half));
        assertEquals(10.0, r.delaySeconds(4, half), "the cap (20 s) applies before jitter");
        assertEquals(10.0, r.delaySeconds(9, half));

        Random seeded = new Random(123);
        for (int attempt = 1; attempt <= 200; attempt++) {
            double d = r.delaySeconds(Math.min(attempt, 10), seeded);
            double cap = Math.min(3 * Math.pow(2, Math.min(attempt, 10) - 1), 20);
            assertTrue(d >= 0 && d <= cap, d + " > " + cap);
        }
    }

    @Test
    void fullJitterThroughTheExecutorIsBoundedAndReproducible() {
        String def = task("'Retry':[{'ErrorEquals':['E'],'IntervalSeconds':2,'MaxAttempts':6,'MaxDelaySeconds':8,"
                + "'JitterStrategy':'FULL'}]");
        TestScheduler first = new TestScheduler(DelayScheduler.Kind.RETRY);
        run(def, new Failing("E", "E", "E", "E", "E", "E"), new ExecutorOptions(1, 1, Duration.ZERO, new Random(99), 2), first);
        TestScheduler second = new TestScheduler(DelayScheduler.Kind.RETRY);
        run(def, new Failing("E", "E", "E", "E", "E", "E"), new ExecutorOptions(1, 1, Duration.ZERO, new Random(99), 2), second);
        List<Double> delays = first.delaysMillis(DelayScheduler.Kind.RETRY);
        double[] caps = {2_000, 4_000, 8_000, 8_000, 8_000, 8_000};
        assertEquals(6, delays.size());
        for (int i = 0; i < caps.length; i++) {
            assertTrue(delays.get(i) >= 0 && delays.get(i) <= caps[i], delays.toString());
        }
        assertNotEquals(List.of(2_000.0, 4_000.0, 8_000.0, 8_000.0, 8_000.0, 8_000.0), delays);
        assertEquals(delays, second.delaysMillis(DelayScheduler.Kind.RETRY), "same seed, same jitter");
    }

    @Test
    void retriersKeepTheirOwnCountsAndAnExhaustedRetrierEndsRetrying() {
        // The AWS documentation's example: A, B, A, B where B allows one retry -> the 4th error is not retried.
        TestScheduler scheduler = new TestScheduler(DelayScheduler.Kind.RETRY);
        Failing invoker = new Failing("A", "B", "A", "B");
        Execution e = run(task("'Retry':[{'ErrorEquals':['A'],'IntervalSeconds':1,'MaxAttempts':2},"
                + "{'ErrorEquals':['B'],'IntervalSeconds':5,'MaxAttempts':1},{'ErrorEquals':['States.ALL'],'IntervalSeconds':9}],"
                + "'Catch':[{'ErrorEquals':['B'],'Next':'Caught'}]"), invoker, realScale(), scheduler);
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        assertEquals(json(q("{'Error':'B','Cause':'failure 4'}")), e.output().orElseThrow());
        assertEquals(4, invoker.calls.get());
        assertEquals(List.of(1_000.0, 5_000.0, 2_000.0), scheduler.delaysMillis(DelayScheduler.Kind.RETRY));
    }

    @Test
    void maxAttemptsZeroNeverRetries() {
        TestScheduler scheduler = new TestScheduler(DelayScheduler.Kind.RETRY);
        Failing invoker = new Failing("Fatal", "Fatal");
        Execution e = run(task("'Retry':[{'ErrorEquals':['Fatal'],'MaxAttempts':0},{'ErrorEquals':['States.ALL']}],"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Caught'}]"), invoker, realScale(), scheduler);
        assertEquals(1, invoker.calls.get());
        assertEquals(List.of(), scheduler.delaysMillis(DelayScheduler.Kind.RETRY));
        assertEquals(json(q("{'in':1,'error':{'Error':'Fatal','Cause':'failure 1'}}")), e.output().orElseThrow());
    }

    @Test
    void statesAllAndSpecificNames() {
        TestScheduler scheduler = new TestScheduler(DelayScheduler.Kind.RETRY);
        Failing invoker = new Failing("java.io.IOException", "Lambda.ServiceException", "custom.Error");
        Execution e = run(task("'Retry':[{'ErrorEquals':['Lambda.ServiceException','java.io.IOException']},"
                + "{'ErrorEquals':['States.ALL'],'MaxAttempts':1}]"), invoker, realScale(), scheduler);
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        assertEquals(4, invoker.calls.get());
        assertEquals(List.of(1_000.0, 2_000.0, 1_000.0), scheduler.delaysMillis(DelayScheduler.Kind.RETRY));
    }

    @Test
    void taskFailedMatchesTaskErrors() {
        Failing invoker = new Failing("anything.Error");
        Execution e = run(task("'Catch':[{'ErrorEquals':['Other'],'Next':'Caught'},{'ErrorEquals':['States.TaskFailed'],"
                + "'ResultPath':null,'Next':'Caught'}]"), invoker, realScale(), new TestScheduler());
        assertEquals(json(q("{'in':1}")), e.output().orElseThrow(), "ResultPath null keeps the input");
        assertTrue(e.history().stream().anyMatch(h -> h.type() == HistoryEventType.StateCaught
                && h.details().get("next").textValue().equals("Caught")));
    }

    @Test
    void retryCountIsVisibleInTheContextObject() {
        Failing invoker = new Failing("E", "E");
        Execution e = run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Parameters':{'try.$':'$$.State.RetryCount'},"
                + "'Retry':[{'ErrorEquals':['E']}],'End':true}}}", invoker, Asl.options(), new TestScheduler(DelayScheduler.Kind.RETRY));
        assertEquals(ExecutionStatus.SUCCEEDED, e.status());
        List<Integer> tries = new ArrayList<>();
        for (JsonNode in : invoker.inputs) {
            tries.add(in.get("try").intValue());
        }
        assertEquals(List.of(0, 1, 2), tries);
    }

    @Test
    void statesRuntimeIsNeitherRetriedNorCaught() {
        Failing invoker = new Failing();
        Execution e = run(task("'ResultSelector':{'x.$':'$.not.there'},'Retry':[{'ErrorEquals':['States.ALL']}],"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Caught'}]"), invoker, Asl.options(),
                new TestScheduler(DelayScheduler.Kind.RETRY));
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals("States.Runtime", e.error().orElseThrow());
        assertEquals(1, invoker.calls.get());
    }

    @Test
    void retryingAMapRerunsEveryIteration() {
        AtomicInteger calls = new AtomicInteger();
        TaskInvoker invoker = (r, in) -> {
            if (calls.incrementAndGet() == 2) {
                throw new TaskFailure("Flaky", "once");
            }
            return in;
        };
        try (Executor executor = Asl.executor(Asl.machine("{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.xs',"
                + "'MaxConcurrency':1,'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','End':true}}},"
                + "'Retry':[{'ErrorEquals':['Flaky']}],'ResultPath':'$.out','End':true}}}"), invoker, Asl.options(),
                new TestScheduler(DelayScheduler.Kind.RETRY))) {
            Execution ok = Asl.run(executor, "m", q("{'xs':[1,2,3]}"));
            assertEquals(json(q("{'xs':[1,2,3],'out':[1,2,3]}")), ok.output().orElseThrow());
            assertEquals(5, calls.get(), "1 ok, 2 failed, then 1, 2, 3 again");
        }
    }

    @Test
    void catchResultPathDefaultsToTheErrorOutput() {
        Execution e = run(task("'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Caught'}]"), new Failing("X"), Asl.options(),
                new TestScheduler());
        assertEquals(json(q("{'Error':'X','Cause':'failure 1'}")), e.output().orElseThrow());
        Iterator<HistoryEvent> caught = e.history().stream().filter(h -> h.type() == HistoryEventType.StateCaught).iterator();
        assertTrue(caught.hasNext());
    }
}
