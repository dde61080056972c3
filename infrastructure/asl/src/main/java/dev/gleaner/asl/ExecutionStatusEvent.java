package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Sent once to every listener when an execution reaches a final status, like the Step Functions
 * "Execution Status Change" EventBridge event. {@code output} is set only on success; {@code error}
 * and {@code cause} on failure, time-out or abort (they may be null, e.g. a Fail state without Error).
 */
public record ExecutionStatusEvent(String executionArn, String name, ExecutionStatus status, JsonNode input,
        JsonNode output, String error, String cause, Instant startDate, Instant stopDate) {}
