package dev.gleaner.api.http;

import dev.gleaner.core.errors.DomainError;
/**
 * A refusal that only exists in HTTP (a body over the size limit, an {@code Accept} nothing
 * satisfies, a malformed query string in the local runner): its status code, a readable message and
 * the field, header or parameter at fault. Domain refusals are {@link dev.gleaner.core.errors.DomainError}s
 * instead; {@link ApiResponse#status} maps those.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String field;

    public ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
