package dev.gleaner.asl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test helpers: JSON literals, definitions with single quotes, runs that wait for the end. */
final class Asl {
    static final Duration AWAIT = Duration.ofSeconds(20);

    private Asl() {}

    static JsonNode json(String text) {
        try {
            return AslJson.DATA.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * JSON written with ' instead of " so definitions read well in Java strings; a backslash-escaped
     * apostrophe stays an apostrophe (for intrinsic string literals).
     */
    static String q(String singleQuoted) {
        return singleQuoted.replace("\\'", "\u0000").replace('\'', '"').replace("\u0000", "'");
    }

    static StateMachine machine(String singleQuotedDefinition) {
        return StateMachine.parse(q(singleQuotedDefinition), Map.of());
    }

    static ExecutorOptions options() {
        return new ExecutorOptions(0.0, 0.0, Duration.ofMillis(1), new Random(42), 4);
    }

    static Executor executor(StateMachine sm, TaskInvoker invoker) {
        return new Executor(sm, invoker, options());
    }

    static Executor executor(StateMachine sm, TaskInvoker invoker, ExecutorOptions options, TestScheduler scheduler) {
        return new Executor(sm, invoker, options, Clock.systemUTC(), scheduler);
    }

    static Clock fixedClock(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** Starts an execution and waits for its end (failing the test if it does not end). */
    static Execution run(Executor executor, String name, String inputJson) {
        Execution e = executor.start(name, json(inputJson));
        try {
            assertTrue(e.await(AWAIT).isFinal(), "execution did not finish: " + e.history());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
        return e;
    }

    /** Runs a definition once with the given invoker. */
    static Execution run(String singleQuotedDefinition, TaskInvoker invoker, String inputJson) {
        try (Executor executor = executor(machine(singleQuotedDefinition), invoker)) {
            return run(executor, "test", inputJson);
        }
    }

    static Execution run(String singleQuotedDefinition, String inputJson) {
        return run(singleQuotedDefinition, (resource, input) -> {
            throw new AssertionError("no task expected, got " + resource);
        }, inputJson);
    }

    /** Blocks an invoker until released (or 20 s); interruption ends the wait early. */
    static void block(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static EvalContext context(String inputJson) {
        return new EvalContext(new EvalContext.ExecutionInfo("arn:aws:states:local:000000000000:execution:SM:ex1",
                "ex1", Instant.parse("2025-01-02T03:04:05.678Z"), json(inputJson),
                "arn:aws:states:local:000000000000:stateMachine:SM", "SM", new Random(7)), "MyState",
                Instant.parse("2025-01-02T03:04:06Z"), 2);
    }
}
