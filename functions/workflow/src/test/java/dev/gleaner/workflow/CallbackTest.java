package dev.gleaner.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.aws.secrets.SecretValues;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.time.FakeTime;
import dev.gleaner.workflow.callback.CallbackSecret;
import dev.gleaner.workflow.callback.CallbackSender;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Callback signatures, their key (never a built-in one) and the secret cache's time-to-live. */
class CallbackTest {
    @Test
    void theSignatureIsAnHmacOfTimestampDotBody() {
        String body = "{\"id\":\"t-1\",\"status\":\"completed\"}";
        // Computed independently (Python's hmac module) for this key, timestamp and body.
        assertEquals("436db381ad3b173c3416d7dc73d14a547313c7366e2b81fd33b2afec148208db",
                CallbackSender.sign("whsec-test-key-0123456789", 1736989200L, body));
        Map<String, String> h = CallbackSender.headers("whsec-test-key-0123456789", 1736989200L, "d-1", body);
        assertEquals("1736989200", h.get(CallbackSender.TIMESTAMP_HEADER));
        assertEquals("d-1", h.get(CallbackSender.DELIVERY_HEADER));
        assertEquals("sha256=436db381ad3b173c3416d7dc73d14a547313c7366e2b81fd33b2afec148208db",
                h.get(CallbackSender.SIGNATURE_HEADER));
        // The same body at another moment is signed differently: an old signature cannot be replayed.
        assertTrue(!CallbackSender.sign("whsec-test-key-0123456789", 1736989201L, body)
                .equals(CallbackSender.sign("whsec-test-key-0123456789", 1736989200L, body)));
    }

    @Test
    void withoutAConfiguredSecretThereIsNoKeyAndTheErrorSaysWhatToCreate() {
        Env.set(Env.CALLBACK_SECRET_ID, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CallbackSecret.fromEnvironment().get());
        assertTrue(e.getMessage().contains(Env.CALLBACK_SECRET_ID), e.getMessage());
        assertThrows(IllegalStateException.class, () -> CallbackSecret.requireKey("short", "the key"));
        assertThrows(IllegalStateException.class, () -> CallbackSecret.requireKey("  ", "the key"));
    }

    @Test
    void secretsAreReadAgainOnceTheirTimeToLiveHasPassed() {
        AtomicInteger fetches = new AtomicInteger();
        FakeTime clock = new FakeTime(Instant.parse("2099-01-01T00:00:00Z"));
        SecretValues cache = new SecretValues(id -> id + "-v" + fetches.incrementAndGet(), clock, SecretValues.TTL);
        assertEquals("key-v1", cache.get("key"));
        clock.advance(SecretValues.TTL.minusSeconds(1));
        assertEquals("key-v1", cache.get("key"), "cached within its time-to-live");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("key-v2", cache.get("key"), "a rotated secret is picked up");
        assertEquals(2, fetches.get());
        assertTrue(SecretValues.TTL.compareTo(Duration.ofMinutes(15)) <= 0, "minutes, not hours");
    }
}
