package dev.gleaner.asl;

import static dev.gleaner.asl.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.time.FakeTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The project's real definition (infrastructure/statemachine/collection.asl.json) must parse
 * with nothing refused, and a long collection must stay well under the history limit.
 */
class CollectionDefinitionTest {
    private static final Path DEFINITION = Path.of("..", "statemachine", "collection.asl.json");

    private static String definition() throws IOException {
        assumeTrue(Files.exists(DEFINITION), "no " + DEFINITION + " in this checkout");
        return Files.readString(DEFINITION, StandardCharsets.UTF_8);
    }

    /** Every ${Name} of the file mapped to a fake Lambda ARN named after it. */
    private static Map<String, String> substitutions(String text) {
        Map<String, String> subs = new HashMap<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(text);
        while (m.find()) {
            subs.put(m.group(1), "arn:aws:lambda:local:000000000000:function:" + m.group(1));
        }
        return subs;
    }

    @Test
    void parsesWithEverySubstitutionResolved() throws IOException {
        String text = definition();
        Map<String, String> subs = substitutions(text);
        StateMachine sm = StateMachine.parse(text, subs);
        assertTrue(subs.values().containsAll(sm.taskResources()), sm.taskResources().toString());
        assertTrue(!sm.definition().toString().contains("${"));
    }

    /**
     * Drives the definition with an invoker that answers every step with the union of what the
     * steps read: a slot, a running task with five categories, and batches that report more
     * pages 140 times per category (a category at the 10,000-post limit).
     */
    @Test
    void aLongCollectionStaysWellUnderTheHistoryLimit() throws Exception {
        String text = definition();
        StateMachine sm = StateMachine.parse(text, substitutions(text));
        Map<String, AtomicInteger> batches = new ConcurrentHashMap<>();
        TaskInvoker invoker = (resource, input) -> {
            ObjectNode out = input.isObject() ? ((ObjectNode) input).deepCopy() : json("{}").deepCopy();
            out.put("acquired", true);
            out.put("running", true);
            out.set("categories", json("[{\"key\":\"a\",\"name\":\"A\"},{\"key\":\"b\",\"name\":\"B\"},"
                    + "{\"key\":\"c\",\"name\":\"C\"},{\"key\":\"d\",\"name\":\"D\"},{\"key\":\"e\",\"name\":\"E\"}]"));
            JsonNode category = input.get("category");
            int done = category == null ? 0
                    : batches.computeIfAbsent(category.asText(), k -> new AtomicInteger()).incrementAndGet();
            out.put("has_more", category != null && done < 140);
            out.put("wait_seconds", 0);
            return out;
        };
        try (Executor executor = new Executor(sm, invoker, ExecutorOptions.immediate(5))) {
            Execution e = executor.start("long-collection", json("{\"task_id\":\"t-1\"}"));
            assertEquals(ExecutionStatus.SUCCEEDED, e.await(Asl.AWAIT), () -> e.error() + " " + e.cause());
            assertTrue(e.historySize() < Executor.HISTORY_EVENT_LIMIT / 4,
                    "history events: " + e.historySize());
        }
        assertEquals(5, batches.size());
        batches.values().forEach(n -> assertEquals(140, n.get()));
    }

    private static final String NEAR = "dev.gleaner.workflow.errors.SlotUnavailableException";
    private static final String FAR = "dev.gleaner.workflow.errors.QueuedBehindException";
    private static final long DAY = 86_400;
    /** The most GLEANER_MAX_PENDING_HOURS may say (QueueLimits.MAX_PENDING_HOURS_LIMIT). */
    private static final long MAX_PENDING_SECONDS = 48 * 3600;

    /** What the definition says about waiting for a slot. */
    private record Waiting(long waitSeconds, JsonNode near, JsonNode far) {
        /** A near poll lasts the handler's wait_seconds, then the retry interval; a far one the retry interval alone. */
        long shortestCycle() {
            return Math.min(waitSeconds + near.path("IntervalSeconds").asLong(), far.path("IntervalSeconds").asLong());
        }

        /** Each poll after the first is a retry: LambdaFunctionScheduled, Started, Failed. */
        long worstEvents(long seconds) {
            return 3 * ((seconds + shortestCycle() - 1) / shortestCycle());
        }
    }

    private static Waiting waiting(JsonNode definition) {
        JsonNode acquire = definition.path("States").path("AcquireSlot");
        JsonNode near = null;
        JsonNode far = null;
        for (JsonNode r : acquire.path("Retry")) {
            String error = r.path("ErrorEquals").path(0).asText();
            if (error.equals(NEAR)) {
                near = r;
            } else if (error.equals(FAR)) {
                far = r;
            }
        }
        assertTrue(near != null && far != null, "AcquireSlot retries both waiting errors");
        for (JsonNode r : List.of(near, far)) {
            // Fixed intervals: the worst case must not depend on luck (jitter could draw a zero delay).
            assertEquals(1.0, r.path("BackoffRate").asDouble(), r.toString());
            assertEquals("NONE", r.path("JitterStrategy").asText(), r.toString());
        }
        return new Waiting(acquire.path("Parameters").path("wait_seconds").asLong(), near, far);
    }

    /**
     * The worst case of a day of waiting, computed from the definition: every poll as short as the
     * definition allows. It must stay far below the 25,000-event history limit, and the retriers
     * must last through the longest wait a deployment may configure (48 h), leaving room for the
     * collection that follows.
     */
    @Test
    void aDayOfWaitingStaysFarBelowTheHistoryLimitInTheWorstCase() throws IOException {
        JsonNode definition = json(definition());
        Waiting w = waiting(definition);
        assertTrue(w.waitSeconds() >= 30, "AcquireSlot polls inside the Lambda for wait_seconds: " + w.waitSeconds());
        long day = w.worstEvents(DAY);
        assertTrue(day < Executor.HISTORY_EVENT_LIMIT / 4, "a day of waiting may record " + day + " events");
        long longest = w.worstEvents(MAX_PENDING_SECONDS);
        assertTrue(longest + 6_000 < Executor.HISTORY_EVENT_LIMIT,
                "48 h of waiting (" + longest + " events) leaves room for a long collection (~5,000)");
        long nearCycle = w.waitSeconds() + w.near().path("IntervalSeconds").asLong();
        assertTrue(w.near().path("MaxAttempts").asLong() * nearCycle >= MAX_PENDING_SECONDS,
                "the near retrier lasts through 48 h: " + w.near());
        assertTrue(w.far().path("MaxAttempts").asLong() * w.far().path("IntervalSeconds").asLong() >= MAX_PENDING_SECONDS,
                "the far retrier lasts through 48 h: " + w.far());
    }

    /**
     * The same day on the in-process executor, in simulated time: the invoker plays an AcquireSlot
     * that polls for wait_seconds and finds no slot, for 24 h; the executor counts the events as
     * Step Functions would. The count matches the computation and stays far below the limit.
     */
    @Test
    void aDayOfWaitingOnTheExecutorMatchesTheComputation() throws Exception {
        String text = definition();
        Waiting w = waiting(json(text));
        StateMachine sm = StateMachine.parse(text, substitutions(text));
        Instant start = Instant.parse("2025-01-15T00:00:00Z");
        FakeTime clock = new FakeTime(start);
        // Retry delays pass at once in simulated time; task time-outs never fire (the invoker answers in time).
        DelayScheduler virtual = new DelayScheduler() {
            @Override
            public Handle schedule(Kind kind, long delayNanos, Runnable task) {
                if (kind == Kind.RETRY || kind == Kind.WAIT) {
                    clock.advance(Duration.ofNanos(delayNanos));
                    task.run();
                }
                return () -> { };
            }

            @Override
            public void shutdown() {
            }
        };
        AtomicInteger polls = new AtomicInteger();
        TaskInvoker invoker = (resource, input) -> {
            if (!resource.endsWith("AcquireSlotFunctionArn")) {
                throw new AssertionError("only AcquireSlot runs in this scenario: " + resource);
            }
            assertEquals(w.waitSeconds(), input.path("wait_seconds").asLong());
            polls.incrementAndGet();
            if (clock.instant().isBefore(start.plusSeconds(DAY))) {
                clock.advance(Duration.ofSeconds(w.waitSeconds())); // the handler's poll inside the Lambda
                throw new TaskFailure(NEAR, "{\"errorMessage\":\"all 10 collection slots are busy\"}");
            }
            return json("{\"acquired\": false, \"status\": \"cancelled\"}");
        };
        ExecutorOptions options = new ExecutorOptions(1.0, 1.0, Duration.ZERO, new Random(3), 2);
        try (Executor executor = new Executor(sm, invoker, options, clock, virtual)) {
            Execution e = executor.start("waits-a-day", json("{\"task_id\":\"t-1\"}"));
            assertEquals(ExecutionStatus.SUCCEEDED, e.await(Asl.AWAIT), () -> e.error() + " " + e.cause());
            long retries = polls.get() - 1;
            // ExecutionStarted, TaskStateEntered, 3 per poll, TaskStateExited, Choice, Succeed, ExecutionSucceeded.
            assertEquals(3 * polls.get() + 8, e.historySize(), "events of " + polls.get() + " polls");
            assertTrue(retries * 3 <= w.worstEvents(DAY), retries * 3 + " > the computed worst case " + w.worstEvents(DAY));
            assertTrue(e.historySize() < Executor.HISTORY_EVENT_LIMIT / 4, "history events: " + e.historySize());
        }
    }
}
