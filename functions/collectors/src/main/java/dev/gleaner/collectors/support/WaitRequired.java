package dev.gleaner.collectors.support;

/**
 * The source asked for a back-off too long to sleep inside a Lambda (a long Retry-After, or five
 * 404s in a row). The batch returns with {@code waitSeconds} and its cursor at the item it could
 * not fetch; the workflow waits and calls again.
 */
public final class WaitRequired extends Exception {
    private static final long serialVersionUID = 1L;

    private final long seconds;

    public WaitRequired(long seconds, String reason) {
        super(reason, null, false, false);
        this.seconds = Math.max(1, seconds);
    }

    public long seconds() {
        return seconds;
    }
}
