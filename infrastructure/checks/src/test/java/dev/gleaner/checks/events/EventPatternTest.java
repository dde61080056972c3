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
    void contentFiltersAreNotGuessed() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> EventPattern.matches(
                json("{\"source\": [{\"prefix\": \"aws.\"}]}"), json("{\"source\": \"aws.states\"}")));
    }
}
