package dev.gleaner.core.metrics;

import java.util.Locale;

/**
 * What went wrong with a source, as an operator acts on it (the {@code Kind} dimension of
 * {@link Metric#SOURCE_ERRORS}).
 */
public enum SourceErrorKind {
    /** The source answered an HTTP error status (4xx other than a refusal, 5xx) and kept answering it. */
    HTTP_STATUS,
    /** The answer was not in the shape the collector reads: a field missing or of another type, not JSON, no page data. */
    SHAPE_CHANGE,
    /** The source wants a login: missing or expired cookies or token, a members-only board, HTTP 401/403. */
    LOGIN_REQUIRED,
    /** The source asked us to slow down (429, Retry-After, its own "wait" answer). */
    RATE_LIMITED,
    /** The source could not be reached: unknown host, refused or reset connections, time-outs. */
    NETWORK,
    /** The source answered with an error of its own in the body (not an HTTP status). */
    SOURCE_ERROR,
    /** The request names something the source does not have (an unknown board or category). */
    BAD_REQUEST;

    /** The dimension value: {@code shape_change}, {@code login_required}, … */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
