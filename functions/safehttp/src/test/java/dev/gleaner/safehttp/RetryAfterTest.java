package dev.gleaner.safehttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2025-01-15T07:00:00Z");

    @Test
    void secondsAndHttpDates() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), RetryAfter.parse("2", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Wed, 15 Jan 2025 07:01:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 15 Jan 2025 06:00:00 GMT", NOW));
        assertTrue(RetryAfter.parse("soon", NOW).isEmpty());
        assertTrue(RetryAfter.parse("", NOW).isEmpty());
        assertTrue(RetryAfter.parse(null, NOW).isEmpty());
        assertEquals(1, RetryAfter.ceilSeconds(Duration.ofMillis(10)));
        assertEquals(3, RetryAfter.ceilSeconds(Duration.ofMillis(2001)));
    }
}
