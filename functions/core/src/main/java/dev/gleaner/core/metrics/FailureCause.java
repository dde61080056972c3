package dev.gleaner.core.metrics;

import java.util.Locale;

/** Why a collection or a scrape failed (the {@code Cause} dimension of the *Failed metrics). */
public enum FailureCause {
    /** Collections: every category failed at its source (the SourceErrors metric says how). */
    SOURCE,
    /** Collections: the workflow ended outside its own paths (timed out, aborted, a step kept failing). */
    WORKFLOW,
    /** Collections: the workflow could not be started, or the task waited too long for a slot. */
    NOT_STARTED,
    /** Scrapes: the page could not be fetched (HTTP error, time-out, refused address, too large). */
    FETCH,
    /** Scrapes: the worker kept failing and the message reached the dead-letter queue. */
    DEAD_LETTER;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
