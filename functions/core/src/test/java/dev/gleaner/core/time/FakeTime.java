package dev.gleaner.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock in UTC that only moves when a test advances it or someone sleeps on it; records every
 * sleep. Shared by the modules' tests through gleaner-core's test-jar.
 */
public final class FakeTime extends Clock implements Sleeper {
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();
    private Duration tick = Duration.ZERO;

    public FakeTime(Instant start) {
        this.now = start;
    }

    /** A clock that also moves on by {@code step} each time it is read: every instant() is later than the one before. */
    public static FakeTime ticking(Instant start, Duration step) {
        FakeTime t = new FakeTime(start);
        t.tick = step;
        return t;
    }

    /** Moves the clock on without recording a sleep. */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public synchronized void sleep(Duration d) {
        sleeps.add(d);
        now = now.plus(d);
    }

    /** Every sleep so far, in order. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** The sum of every sleep so far. */
    public Duration slept() {
        return sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        now = now.plus(tick);
        return now;
    }
}
