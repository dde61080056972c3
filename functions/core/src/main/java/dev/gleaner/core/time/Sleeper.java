package dev.gleaner.core.time;

import java.time.Duration;

/**
 * Every pause Gleaner makes (long polling, the collectors' page delays and retries, the safe HTTP
 * client's retries) goes through one of these, so tests advance a clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps for real; a null, zero or negative duration returns at once. */
    Sleeper SYSTEM = d -> {
        if (d != null && !d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
