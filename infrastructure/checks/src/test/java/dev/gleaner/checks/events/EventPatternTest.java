package dev.gleaner.checks.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventPatternTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void listedValuesAndNestedObjectsMatch() throws Exception {
        JsonNode pattern = json("{\"source\": [\"aws.states\"], \"detail\": {\"status\": [\"FAILED\", \"ABORTED\"]}}");
        assertTrue(EventPattern.matches(pattern, json("{\"source\": \"aws.states\", \"detail\": {\"status\": \"FAILED\", \"x\": 1}}")));
        assertFalse(EventPattern.matches(pattern, json("{\"source\": \"aws.states\", \"detail\": {\"status\": \"RUNNING\"}}")));
        assertFalse(EventPattern.matches(pattern, json("{\"source\": \"aws.states\"}")));
        assertTrue(EventPattern.matches(json("{\"resources\": [\"a\"]}"), json("{\"resources\": [\"b\", \"a\"]}")));
    }

    @Test
    void contentFiltersWorkAsOnAws() throws Exception {
        assertTrue(EventPattern.matches(json("{\"source\": [{\"prefix\": \"aws.\"}]}"), json("{\"source\": \"aws.states\"}")));
        assertFalse(EventPattern.matches(json("{\"detail\": {\"status\": [{\"anything-but\": [\"SUCCEEDED\"]}]}}"),
                json("{\"detail\": {\"status\": \"SUCCEEDED\"}}")));
    }

    @Test
    void aMalformedPatternIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventPattern.matches(
                json("{\"source\": \"aws.states\"}"), json("{\"source\": \"aws.states\"}")));
    }
}
