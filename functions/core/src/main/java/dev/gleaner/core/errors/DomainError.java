package dev.gleaner.core.errors;

/**
 * What the domain refuses, in its own terms: the services, parsers and stores throw these and know
 * nothing of HTTP. The API layer turns each kind into a status code in one place
 * ({@code dev.gleaner.api.http.ApiResponse#status}); the body is {@code {"error": message}} plus
 * {@code "field"} when one is named. Messages are shown to the client: never put a secret in one.
 */
public abstract sealed class DomainError extends RuntimeException {
    private final String field;

    private DomainError(String message, String field) {
        super(message);
        this.field = field;
    }

    /** The request field, query parameter, header or path parameter at fault; null when none. */
    public String field() {
        return field;
    }

    public static InvalidField invalid(String field, String message) {
        return new InvalidField(field, message);
    }

    public static NotFound notFound(String message) {
        return new NotFound(message);
    }

    public static Conflict conflict(String message) {
        return new Conflict(null, message);
    }

    /** A conflict caused by one field (an idempotency key used for another request). */
    public static Conflict conflict(String field, String message) {
        return new Conflict(field, message);
    }

    public static Unavailable unavailable(String message) {
        return new Unavailable(message);
    }

    /** The input breaks a rule of the named field (the API's 400). */
    public static final class InvalidField extends DomainError {
        private InvalidField(String field, String message) {
            super(message, field);
        }
    }

    /** Nothing has this id (404). */
    public static final class NotFound extends DomainError {
        private NotFound(String message) {
            super(message, null);
        }
    }

    /** The thing is in a state that does not allow this, or the key was used otherwise (409). */
    public static final class Conflict extends DomainError {
        private Conflict(String field, String message) {
            super(message, field);
        }
    }

    /** Nothing was done because a service we depend on failed: the same request may succeed later (503). */
    public static final class Unavailable extends DomainError {
        private Unavailable(String message) {
            super(message, null);
        }
    }
}
