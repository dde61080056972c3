package dev.gleaner.workflow.errors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;

/**
 * Reads the {@code {"Error", "Cause"}} object a Catch puts into the state. For Java Lambdas the
 * Cause is itself JSON ({@code {"errorMessage", "errorType", "stackTrace"}}); users see the message.
 */
public final class ErrorCause {
    private ErrorCause() {}

    public static String readable(JsonNode failure) {
        if (failure == null || failure.isNull() || failure.isMissingNode()) {
            return null;
        }
        String error = failure.path("Error").asText("");
        String cause = failure.path("Cause").asText("");
        String message = cause;
        try {
            JsonNode parsed = Json.parse(cause);
            if (parsed != null && parsed.hasNonNull("errorMessage")) {
                message = parsed.get("errorMessage").asText();
            }
        } catch (Exception notJson) {
            // a plain-text cause
        }
        if (message.isBlank()) {
            message = error.isBlank() ? "unknown error" : error;
        }
        if (error.startsWith("States.") || error.startsWith("Lambda.")) {
            return error + ": " + message;
        }
        return message;
    }
}
