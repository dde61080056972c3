package dev.gleaner.safehttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2025-01-15T07:00:00Z");

    private static RetryPolicy policy(RetryPolicy.Jitter jitter, double r) {
        return new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), jitter, Duration.ofSeconds(60), () -> r);
    }

    @Test
    void fullJitterIsAShareOfTheDoublingCeilingUpToTheCap() {
        RetryPolicy p = policy(RetryPolicy.Jitter.FULL, 0.5);
        assertEquals(Duration.ofMillis(500), p.backoff(1));
        assertEquals(Duration.ofMillis(1000), p.backoff(2));
        assertEquals(Duration.ofMillis(15_000), p.backoff(10), "capped at 30 s");
        assertEquals(Duration.ZERO, policy(RetryPolicy.Jitter.FULL, 0).backoff(1));
        assertEquals(Duration.ofMillis(500), policy(RetryPolicy.Jitter.FULL, Double.NaN).backoff(1), "a bad draw counts as 0.5");
    }

    @Test
    void equalJitterKeepsHalfTheCeiling() {
        assertEquals(Duration.ofMillis(1000), policy(RetryPolicy.Jitter.EQUAL, 0).backoff(2));
        assertEquals(Duration.ofMillis(1500), policy(RetryPolicy.Jitter.EQUAL, 0.5).backoff(2));
        assertTrue(policy(RetryPolicy.Jitter.EQUAL, 0.999).backoff(2).toMillis() <= 2000);
    }

    @Test
    void retryAfterWinsOverTheBackoffAndALongOneOverTheAttemptLimit() {
        RetryPolicy p = policy(RetryPolicy.Jitter.FULL, 0.5);
        assertEquals(new RetryPolicy.Decision.Retry(Duration.ofSeconds(20)), p.afterStatus(1, "20", NOW));
        assertEquals(new RetryPolicy.Decision.Retry(Duration.ofMillis(500)), p.afterStatus(1, null, NOW));
        assertEquals(new RetryPolicy.Decision.TooLong(Duration.ofSeconds(1800)),
                p.afterStatus(3, "Wed, 15 Jan 2025 07:30:00 GMT", NOW), "even on the last attempt");
        assertEquals(new RetryPolicy.Decision.GiveUp(), p.afterStatus(3, "5", NOW));
        assertEquals(new RetryPolicy.Decision.GiveUp(), p.afterFailure(3));
        assertEquals(new RetryPolicy.Decision.Retry(Duration.ofMillis(1000)), p.afterFailure(2));
    }

    @Test
    void transientStatuses() {
        assertTrue(RetryPolicy.retryableStatus(429));
        assertTrue(RetryPolicy.retryableStatus(503));
        assertFalse(RetryPolicy.retryableStatus(404));
        assertFalse(RetryPolicy.retryableStatus(200));
    }
}
