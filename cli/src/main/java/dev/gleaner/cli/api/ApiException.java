package dev.gleaner.cli.api;

/** Why a call to the API did not give an answer the command can use; carries its exit status. */
public abstract sealed class ApiException extends RuntimeException permits ApiException.Unreachable, ApiException.Refused {
    ApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No HTTP answer at all: connection refused, unknown host, timeout, TLS failure (exit 4). */
    public static final class Unreachable extends ApiException {
        private final String url;
        private final String reason;

        public Unreachable(String url, String reason, Throwable cause) {
            super(url + ": " + reason, cause);
            this.url = url;
            this.reason = reason;
        }

        public String url() {
            return url;
        }

        public String reason() {
            return reason;
        }
    }

    /** An HTTP answer that is an error: its status, the API's {@code error} and {@code field} (exit 5). */
    public static final class Refused extends ApiException {
        private final int status;
        private final String error;
        private final String field;

        public Refused(int status, String error, String field) {
            super("HTTP " + status + ": " + error + (field == null ? "" : " (field " + field + ")"), null);
            this.status = status;
            this.error = error;
            this.field = field;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }

        /** The request field the API named, or null. */
        public String field() {
            return field;
        }
    }
}
