package dev.gleaner.core.idempotency;

import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.errors.DomainError;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a start at most once per {@link IdempotencyKey} within {@link #WINDOW}: the first request
 * claims the key with the id of the task it is about to create, later ones with the same request
 * get that task back ({@link Result#replayed()}), later ones with another request a 409.
 */
public final class Idempotency {
    public static final Duration WINDOW = Duration.ofHours(24);

    private final IdempotencyStore store;
    private final Clock clock;

    /** What a start answered: its result, and whether it was the first answer again. */
    public record Result<T>(T value, boolean replayed) {}

    public Idempotency(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param key null runs {@code start} unconditionally
     * @param newId the id the start will give its task
     * @param start creates and starts the task with that id
     * @param replay reads the task a first request created (empty while it is being created)
     */
    public <T> Result<T> run(IdempotencyKey key, Supplier<String> newId, Function<String, T> start,
            Function<String, Optional<T>> replay) {
        String id = newId.get();
        if (key == null) {
            return new Result<>(start.apply(id), false);
        }
        Optional<IdempotencyStore.Claimed> first = store.claim(key, id, clock.instant().plus(WINDOW));
        if (first.isPresent()) {
            if (!first.get().fingerprint().equals(key.fingerprint())) {
                throw key.conflict();
            }
            T earlier = replay.apply(first.get().taskId()).orElseThrow(key::inProgress);
            return new Result<>(earlier, true);
        }
        try {
            return new Result<>(start.apply(id), false);
        } catch (RuntimeException e) {
            if (!(e instanceof DomainError) || e instanceof DomainError.Unavailable) {
                // Nothing was started (a refusal keeps the key: the same request is refused again), so a
                // retry with the same key must be able to try again.
                try {
                    store.release(key);
                } catch (RuntimeException releaseFailed) {
                    StructuredLog.warn("could not release an idempotency key after a failed start", id, releaseFailed);
                }
            }
            throw e;
        }
    }
}
