package dev.gleaner.checks.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * EventBridge event-pattern matching for the patterns templates use: exact values listed in arrays,
 * nested objects. Content filters ({@code prefix}, {@code anything-but}, numeric ranges...) are
 * refused rather than guessed at.
 */
public final class EventPattern {
    private EventPattern() {}

    public static boolean matches(JsonNode pattern, JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode expected = e.getValue();
            JsonNode actual = event.get(e.getKey());
            if (expected.isObject()) {
                if (actual == null || !actual.isObject() || !matches(expected, actual)) {
                    return false;
                }
            } else if (expected.isArray()) {
                if (actual == null || !anyEqual(expected, actual)) {
                    return false;
                }
            } else {
                throw new IllegalArgumentException("pattern values must be arrays or objects: " + e);
            }
        }
        return true;
    }

    private static boolean anyEqual(JsonNode allowed, JsonNode actual) {
        for (JsonNode a : allowed) {
            if (a.isObject()) {
                throw new IllegalArgumentException("content filters are not supported: " + a);
            }
            if (actual.isArray()) {
                for (JsonNode item : actual) {
                    if (a.asText().equals(item.asText())) {
                        return true;
                    }
                }
            } else if (a.asText().equals(actual.asText()) && !actual.isContainerNode()) {
                return true;
            }
        }
        return false;
    }
}
