package dev.gleaner.core.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers which task an {@link IdempotencyKey} started, for 24 h. A claim is one conditional
 * write: the first request with a key wins, every later one finds what the first recorded.
 */
public interface IdempotencyStore {
    /** What the first request with a key recorded. */
    record Claimed(String fingerprint, String taskId) {}

    /**
     * Records {@code taskId} for the key, unless a live record exists: then that record is returned
     * and nothing is written. A record {@link #release released} by a failed first request does
     * not count.
     */
    Optional<Claimed> claim(IdempotencyKey key, String taskId, Instant expiresAt);

    /** The first request failed (5xx) without starting anything: the key may be used again. */
    void release(IdempotencyKey key);
}
