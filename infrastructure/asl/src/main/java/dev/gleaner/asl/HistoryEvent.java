package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of an execution's event log.
 *
 * @param id 1-based position in the log
 * @param type the event type (Step Functions names, plus a few local-only debug types)
 * @param stateName the state the event concerns, or null for execution-level events
 * @param details type-specific data (input, output, error, cause, index, delay...)
 */
public record HistoryEvent(long id, Instant timestamp, HistoryEventType type, String stateName, JsonNode details) {}
