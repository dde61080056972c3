package dev.gleaner.safehttp;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How one source is retried: which answers are transient, how many attempts, the exponential
 * back-off and its jitter, and how long a {@code Retry-After} may be slept inside the call. Every
 * HTTP caller (the collectors' {@code SourceHttp}, {@link SafeHttpClient} for scrapes and
 * callbacks) holds one of these and asks it what to do after each attempt; the callers only map
 * the answer to their own errors and sleep through their own sleeper.
 *
 * @param maxAttempts attempts per request, the first included (1 = no retries)
 * @param base the first back-off ceiling; it doubles per attempt
 * @param cap the largest back-off ceiling
 * @param jitter how the back-off is drawn below its ceiling (null: {@link Jitter#FULL})
 * @param maxRetryAfter the longest {@code Retry-After} slept inside the call; a longer one is
 *     {@link Decision.TooLong}
 * @param random a uniform number in [0, 1) (tests fix it)
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap, Jitter jitter, Duration maxRetryAfter,
        DoubleSupplier random) {

    /** Jitter strategies (see the AWS Architecture Blog, "Exponential Backoff and Jitter"). */
    public enum Jitter {
        /** Uniform in [0, ceiling]. */
        FULL,
        /** Half the ceiling fixed, the other half uniform: [ceiling/2, ceiling]. */
        EQUAL
    }

    /** What to do after an answer or a failure. */
    public sealed interface Decision {
        /** Sleep {@code delay}, then send again. */
        record Retry(Duration delay) implements Decision {}
        /** The server asked (Retry-After) for longer than {@link #maxRetryAfter()}. */
        record TooLong(Duration asked) implements Decision {}
        /** No attempts left. */
        record GiveUp() implements Decision {}
    }

    public RetryPolicy {
        maxAttempts = Math.max(1, maxAttempts);
        jitter = jitter == null ? Jitter.FULL : jitter;
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(random, "random");
    }

    /** A policy drawing its jitter from {@link ThreadLocalRandom}. */
    public static RetryPolicy of(int maxAttempts, Duration base, Duration cap, Jitter jitter, Duration maxRetryAfter) {
        return new RetryPolicy(maxAttempts, base, cap, jitter, maxRetryAfter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** 429 and every 5xx are transient: worth another attempt. */
    public static boolean retryableStatus(int status) {
        return status == 429 || status >= 500;
    }

    /**
     * After attempt {@code attempt} (1-based) answered a retryable status: a Retry-After longer
     * than {@link #maxRetryAfter()} wins over everything, then the attempt limit, then the
     * Retry-After itself or the back-off.
     *
     * @param retryAfter the Retry-After header, or null
     * @param now the time an HTTP-date Retry-After is measured from
     */
    public Decision afterStatus(int attempt, String retryAfter, Instant now) {
        Optional<Duration> asked = RetryAfter.parse(retryAfter, now);
        if (asked.isPresent() && asked.get().compareTo(maxRetryAfter) > 0) {
            return new Decision.TooLong(asked.get());
        }
        if (attempt >= maxAttempts) {
            return new Decision.GiveUp();
        }
        return new Decision.Retry(asked.orElseGet(() -> backoff(attempt)));
    }

    /** After attempt {@code attempt} failed without an answer (time-out, lost connection). */
    public Decision afterFailure(int attempt) {
        return attempt >= maxAttempts ? new Decision.GiveUp() : new Decision.Retry(backoff(attempt));
    }

    /** The back-off after attempt {@code attempt}: ceiling min(cap, base * 2^(attempt-1)), jittered. */
    public Duration backoff(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20));
        double r = random.getAsDouble();
        if (!(r >= 0) || r >= 1) {
            r = 0.5;
        }
        return Duration.ofMillis(switch (jitter) {
            case FULL -> (long) (ceiling * r);
            case EQUAL -> ceiling / 2 + (long) ((ceiling - ceiling / 2) * r);
        });
    }
}
