package dev.gleaner.core.http;

import dev.gleaner.core.errors.DomainError;
import com.fasterxml.jackson.databind.JsonNode;

/** Typed reads of optional request-body fields; a wrong type is a 400 naming the field. */
public final class JsonFields {
    private JsonFields() {}

    public static boolean bool(JsonNode body, String field, boolean dflt) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw DomainError.invalid(field, field + " must be true or false");
        }
        return v.asBoolean();
    }

    /** A trimmed string, null when absent or blank; longer than {@code maxLength} is a 400 (the value is never quoted). */
    public static String string(JsonNode body, String field, int maxLength) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw DomainError.invalid(field, field + " must be a string");
        }
        String s = v.asText().trim();
        if (s.length() > maxLength) {
            throw DomainError.invalid(field, field + " must be at most " + maxLength + " characters");
        }
        return s.isEmpty() ? null : s;
    }
}
