package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.JsonNode;

/** One cascade step's result: where it came from, what it found, the data it read (for raw_data). */
record Step(String source, Fields fields, String rawKey, JsonNode raw) {
    static Step empty(String source) {
        return new Step(source, new Fields(), null, null);
    }
}
