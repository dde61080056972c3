package dev.gleaner.collectors;

import java.time.Duration;

/** Every wait a collector makes goes through one of these, so tests can run without sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper SYSTEM = d -> {
        if (d != null && !d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
    };
}
