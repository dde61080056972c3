package dev.gleaner.core.task;

import dev.gleaner.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Long polling for {@code Prefer: wait=N}: re-reads a task until what a client watches changes,
 * the task is final, or the time is up. One read per {@link #POLL_INTERVAL} keeps the cost at two
 * consistent reads a second on DynamoDB.
 */
public final class Waiting {
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private Waiting() {}

    /**
     * The first read whose {@code watched} value differs from the first read's, or the last read
     * when {@code max} has passed; the first read itself when it is already {@code done}.
     */
    public static <T> T forChange(Supplier<T> read, Function<T, Object> watched, Predicate<T> done, Duration max,
            Clock clock, Sleeper sleeper) {
        T first = read.get();
        if (done.test(first) || max.isZero() || max.isNegative()) {
            return first;
        }
        Object seen = watched.apply(first);
        Instant deadline = clock.instant().plus(max);
        T latest = first;
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isZero() || left.isNegative()) {
                return latest;
            }
            try {
                sleeper.sleep(left.compareTo(POLL_INTERVAL) < 0 ? left : POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return latest;
            }
            latest = read.get();
            if (done.test(latest) || !Objects.equals(seen, watched.apply(latest))) {
                return latest;
            }
        }
    }
}
