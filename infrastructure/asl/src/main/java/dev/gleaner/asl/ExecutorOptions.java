package dev.gleaner.asl;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How an {@link Executor} runs time.
 *
 * @param waitScale multiplies Wait state durations (0 = no waiting)
 * @param retryScale multiplies Retry intervals (after backoff, MaxDelaySeconds and jitter)
 * @param minRetryDelay the floor of a scaled retry interval, so that scale 0 does not busy-loop
 * @param random drives JitterStrategy FULL and States.UUID; seed it for reproducible runs
 * @param maxThreads worker threads shared by all executions, Map iterations and task invocations
 */
public record ExecutorOptions(double waitScale, double retryScale, Duration minRetryDelay, Random random,
        int maxThreads) {

    public ExecutorOptions {
        if (!(waitScale >= 0) || Double.isInfinite(waitScale)) {
            throw new IllegalArgumentException("waitScale must be a finite number >= 0, got " + waitScale);
        }
        if (!(retryScale >= 0) || Double.isInfinite(retryScale)) {
            throw new IllegalArgumentException("retryScale must be a finite number >= 0, got " + retryScale);
        }
        Objects.requireNonNull(minRetryDelay, "minRetryDelay");
        if (minRetryDelay.isNegative()) {
            throw new IllegalArgumentException("minRetryDelay must not be negative");
        }
        Objects.requireNonNull(random, "random");
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be >= 1, got " + maxThreads);
        }
    }

    /** Real time: waits and retries as written, 16 worker threads. */
    public static ExecutorOptions defaults() {
        return new ExecutorOptions(1.0, 1.0, Duration.ofMillis(10), new Random(), 16);
    }

    /** For tests: no waits, retries after 1 ms, seeded randomness, 8 worker threads. */
    public static ExecutorOptions immediate(long seed) {
        return new ExecutorOptions(0.0, 0.0, Duration.ofMillis(1), new Random(seed), 8);
    }
}
