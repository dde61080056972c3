package dev.gleaner.collectors.support;

import dev.gleaner.core.metrics.SourceErrorKind;

/**
 * The source asked for a back-off too long to sleep inside a Lambda (a long Retry-After, or five
 * 404s in a row). The batch returns with {@code waitSeconds} and its cursor at the item it could
 * not fetch; the workflow waits and calls again.
 */
public final class WaitRequired extends Exception {
    private static final long serialVersionUID = 1L;

    private final SourceErrorKind kind;
    private final long seconds;

    /** @param kind why: {@link SourceErrorKind#RATE_LIMITED} for a Retry-After, {@link SourceErrorKind#HTTP_STATUS} for 404s */
    public WaitRequired(SourceErrorKind kind, long seconds, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
        this.seconds = Math.max(1, seconds);
    }

    public SourceErrorKind kind() {
        return kind;
    }

    public long seconds() {
        return seconds;
    }
}
