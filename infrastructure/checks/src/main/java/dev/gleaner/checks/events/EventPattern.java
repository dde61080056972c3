package dev.gleaner.checks.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import software.amazon.event.ruler.Machine;

/**
 * EventBridge event-pattern matching with AWS's own matcher, event-ruler (the library behind
 * EventBridge's patterns): listed values, nested objects, arrays in events, and the content filters
 * ({@code prefix}, {@code anything-but}, numeric ranges...) all behave as they do on AWS.
 */
public final class EventPattern {
    private EventPattern() {}

    public static boolean matches(JsonNode pattern, JsonNode event) {
        Machine machine = Machine.builder().build();
        try {
            machine.addRule("pattern", pattern.toString());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an event pattern: " + pattern + " (" + e.getMessage() + ")", e);
        }
        try {
            return !machine.rulesForJSONEvent(event.toString()).isEmpty();
        } catch (Exception e) {
            throw new IllegalArgumentException("not an event: " + event + " (" + e.getMessage() + ")", e);
        }
    }
}
