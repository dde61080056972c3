package dev.gleaner.core.http;

import dev.gleaner.core.errors.DomainError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/** Typed reads of optional request-body fields; a wrong type is a 400 naming the field. */
public final class JsonFields {
    private JsonFields() {}

    public static boolean bool(JsonNode body, String field, boolean dflt) {
        JsonNode v = optional(body, field, JsonNode::isBoolean, "true or false");
        return v == null ? dflt : v.asBoolean();
    }

    /** A trimmed string, null when absent or blank; longer than {@code maxLength} is a 400 (the value is never quoted). */
    public static String string(JsonNode body, String field, int maxLength) {
        JsonNode v = optional(body, field, JsonNode::isTextual, "a string");
        if (v == null) {
            return null;
        }
        String s = v.asText().trim();
        if (s.length() > maxLength) {
            throw DomainError.invalid(field, field + " must be at most " + maxLength + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    /** The field's value, null when absent or JSON null; a value {@code is} rejects is a 400 saying what it must be. */
    private static JsonNode optional(JsonNode body, String field, Predicate<JsonNode> is, String mustBe) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!is.test(v)) {
            throw DomainError.invalid(field, field + " must be " + mustBe);
        }
        return v;
    }
}
