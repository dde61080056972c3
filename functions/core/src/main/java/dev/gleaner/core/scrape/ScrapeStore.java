package dev.gleaner.core.scrape;

import java.time.Instant;
import java.util.Optional;

/**
 * Scrape tasks and the result cache. Reads hide expired items; status changes are conditional
 * (pending → running → completed/failed), so a redelivered message never writes a second result.
 */
public interface ScrapeStore {
    void create(ScrapeTask task, String proxy);

    Optional<ScrapeTask> get(String taskId);

    /** The proxy of a live task; null when none was given or the task has finished. */
    String proxy(String taskId);

    /** pending → running (also true when it is already running: a redelivered message resumes). */
    boolean markRunning(String taskId, Instant now);

    /** running → completed; empty if the task was already final. */
    Optional<ScrapeTask> complete(String taskId, ScrapeOutcome outcome, Instant now);

    /** pending/running → failed; empty if the task was already final. */
    Optional<ScrapeTask> fail(String taskId, String error, Instant now);

    /** A cached outcome for a URL and language that has not expired. */
    Optional<ScrapeOutcome> cached(String normalizedUrl, String language, Instant now);

    void cache(String normalizedUrl, String language, ScrapeOutcome outcome, Instant expiresAt);
}
