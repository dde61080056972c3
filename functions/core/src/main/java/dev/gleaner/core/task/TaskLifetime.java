package dev.gleaner.core.task;

import java.time.Duration;
import java.time.Instant;

/** How long a task stays visible, live and finished: one rule for collections and scrapes. */
public final class TaskLifetime {
    public static final Duration AFTER_FINISH = Duration.ofHours(24);
    /**
     * The last resort for a task that never finishes (a lost message, a workflow that died without
     * any event): it disappears, secrets included, a week after it was created or resumed.
     */
    public static final Duration LIVE_MAX = Duration.ofDays(7);

    private TaskLifetime() {}

    public static Instant expiryFor(Instant finishedAt) {
        return finishedAt.plus(AFTER_FINISH);
    }

    /** The expiry a live task carries from its creation (or resume) on. */
    public static Instant liveExpiry(Instant createdAt) {
        return createdAt.plus(LIVE_MAX);
    }
}
