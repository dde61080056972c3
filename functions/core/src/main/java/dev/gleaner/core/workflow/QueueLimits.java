package dev.gleaner.core.workflow;

import dev.gleaner.core.config.Env;
import java.time.Duration;

/**
 * How long things may take before the workflow or the reaper gives up on them, in one place.
 * The history-event budget of a day of waiting and the lease against the definition's worst case
 * are checked in tests (CollectionDefinitionTest, QueueLimitsTest).
 */
public final class QueueLimits {
    /** Default {@link Env#MAX_PENDING_HOURS}: a task waits as pending at most a day for a slot. */
    public static final int DEFAULT_MAX_PENDING_HOURS = 24;
    /** The most {@link Env#MAX_PENDING_HOURS} may say: two days of polling stay far below 25,000 history events. */
    public static final int MAX_PENDING_HOURS_LIMIT = 48;
    /**
     * How long a slot stays promised to an execution that makes no progress. Every progress write
     * renews it; the definition's worst gap between two (every CollectBatch retry at its time-out,
     * plus the longest source back-off) is about 3 h, see QueueLimitsTest.
     */
    public static final Duration LEASE = Duration.ofHours(4);
    /**
     * How long the reaper leaves a live task alone whose execution does not exist yet (the start
     * call may still be under way) before it fails it as never started.
     */
    public static final Duration START_GRACE = Duration.ofMinutes(10);

    private QueueLimits() {}

    /** The error of a task that waited {@code waited} without getting one of {@code slots} slots. */
    public static String neverGotASlot(Duration waited, int slots) {
        return "no collection slot became free within " + describe(waited) + " (all " + slots
                + " slots stayed busy); start the collection again later";
    }

    /** "24 h", "90 min", "5 s". */
    public static String describe(Duration d) {
        if (d.getSeconds() % 3600 == 0 && d.getSeconds() > 0) {
            return d.toHours() + " h";
        }
        return d.getSeconds() % 60 == 0 && d.getSeconds() > 0 ? d.toMinutes() + " min" : d.getSeconds() + " s";
    }

    /** {@link Env#MAX_PENDING_HOURS} (1 to 48, default 24). */
    public static Duration maxPending() {
        String text = Env.getOrDefault(Env.MAX_PENDING_HOURS, Integer.toString(DEFAULT_MAX_PENDING_HOURS));
        try {
            double hours = Double.parseDouble(text.trim());
            if (hours > 0 && hours <= MAX_PENDING_HOURS_LIMIT) {
                return Duration.ofSeconds((long) (hours * 3600));
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new IllegalStateException(Env.MAX_PENDING_HOURS + " must be a number of hours above 0 and at most "
                + MAX_PENDING_HOURS_LIMIT + ", not '" + text + "'");
    }
}
