package dev.gleaner.core.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client-visible failure: an HTTP status, a readable message and, for validation errors, the
 * name of the offending field. Handlers turn it into {@code {"error": ..., "field": ...}}.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String field;

    public ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, message, field);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message, null);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message, null);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }
}
