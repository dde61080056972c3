package dev.gleaner.core.task;

import java.time.Duration;
import java.time.Instant;

/** How long a finished task stays visible: one rule for collections and scrapes. */
public final class TaskLifetime {
    public static final Duration AFTER_FINISH = Duration.ofHours(24);

    private TaskLifetime() {}

    public static Instant expiryFor(Instant finishedAt) {
        return finishedAt.plus(AFTER_FINISH);
    }
}
