package dev.gleaner.collectors;

import dev.gleaner.core.metrics.SourceErrorKind;

/**
 * A transient failure (429, 5xx, timeouts, a Naver system error) that outlived the retries made
 * inside the call. The workflow retries the call with back-off; the cursor has not moved.
 */
public final class RetryableSourceException extends SourceException {
    private static final long serialVersionUID = 1L;

    public RetryableSourceException(SourceErrorKind kind, String source, String field, String message) {
        super(kind, source, field, message);
    }

    public RetryableSourceException(String source, String field, String message) {
        super(source, field, message);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
