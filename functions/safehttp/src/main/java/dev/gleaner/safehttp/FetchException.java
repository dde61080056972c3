package dev.gleaner.safehttp;

/**
 * A fetch that did not give a usable response. The message is meant for the user (it becomes a
 * task's {@code error}): "Failed to load page: timeout", "HTTP 404 Not Found", "refused address:
 * loopback"... It never contains proxy credentials, cookies or tokens.
 */
public class FetchException extends Exception {
    /** What went wrong, for callers that branch on it (retry, cache, status code...). */
    public enum Kind {
        /** Malformed URL, unsupported scheme or invalid header value: never worth retrying. */
        INVALID_REQUEST,
        /** The address policy refused the host, a resolved address, a redirect hop or the proxy. */
        REFUSED_ADDRESS,
        /** The name does not resolve. */
        DNS,
        CONNECT, TIMEOUT, TOO_MANY_REDIRECTS,
        /** A non-2xx final status; see {@link #status()}. */
        HTTP_STATUS,
        /** Not the expected content type (a PDF instead of a page, HTML instead of JSON...). */
        WRONG_CONTENT_TYPE,
        TOO_LARGE, PROXY, IO
    }

    private final Kind kind;
    private final Integer status;

    public FetchException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public FetchException(Kind kind, String message, Integer status, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The final HTTP status for {@link Kind#HTTP_STATUS}, else null. */
    public Integer status() {
        return status;
    }
}
