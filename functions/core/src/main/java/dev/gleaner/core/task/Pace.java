package dev.gleaner.core.task;

import dev.gleaner.core.scrape.ScrapeTask;
import java.time.Duration;
import java.time.Instant;

/**
 * When a client should look again ({@code Retry-After}, in seconds), from how fast the task moves:
 * a pending collection waits for a slot (retried every few seconds); a running one is expected to
 * move after about a page of posts at its own pace so far; scrapes take seconds.
 */
public final class Pace {
    public static final int MIN_SECONDS = 1;
    public static final int MAX_SECONDS = 30;
    /** A pending collection's workflow retries for a slot within about 10 s. */
    static final int PENDING_COLLECTION = 5;
    /** Before the first progress: about the time of the first page. */
    static final int STARTING_COLLECTION = 3;
    /** Posts on one list page (Babitalk 24, Naver 20 by default): progress moves a page at a time. */
    static final int POSTS_PER_PAGE = 20;
    static final int SCRAPE = 2;

    private Pace() {}

    /** Seconds until a non-final collection task is worth reading again; null once it is final. */
    public static Integer retryAfter(CollectionTask task, Instant now) {
        if (task.status().isFinal()) {
            return null;
        }
        if (task.status() == TaskStatus.PENDING || task.startedAt() == null) {
            return PENDING_COLLECTION;
        }
        if (task.progress() <= 0) {
            return STARTING_COLLECTION;
        }
        double perPost = Duration.between(task.startedAt(), now).toMillis() / 1000.0 / task.progress();
        return clamp((long) Math.ceil(perPost * POSTS_PER_PAGE));
    }

    /** Seconds until a non-final scrape task is worth reading again; null once it is final. */
    public static Integer retryAfter(ScrapeTask task) {
        return task.status().isFinal() ? null : SCRAPE;
    }

    private static int clamp(long seconds) {
        return (int) Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds));
    }
}
