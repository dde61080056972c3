package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * What paths and intrinsics see besides the input: the context object ({@code $$}) of the state
 * being run, and the randomness for States.UUID.
 */
final class EvalContext {
    /** Step Functions renders context timestamps with milliseconds: 2019-03-26T20:14:13.192Z. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The execution-level part of the context object. */
    record ExecutionInfo(String executionArn, String name, Instant startTime, JsonNode input,
            String stateMachineArn, String stateMachineName, Random random) {}

    private final ExecutionInfo execution;
    private final String stateName;
    private final Instant enteredTime;
    private final int retryCount;
    private final boolean hasMapItem;
    private final int mapIndex;
    private final JsonNode mapValue;
    private ObjectNode contextObject;

    EvalContext(ExecutionInfo execution, String stateName, Instant enteredTime, int retryCount) {
        this(execution, stateName, enteredTime, retryCount, false, 0, null);
    }

    private EvalContext(ExecutionInfo execution, String stateName, Instant enteredTime, int retryCount,
            boolean hasMapItem, int mapIndex, JsonNode mapValue) {
        this.execution = execution;
        this.stateName = stateName;
        this.enteredTime = enteredTime;
        this.retryCount = retryCount;
        this.hasMapItem = hasMapItem;
        this.mapIndex = mapIndex;
        this.mapValue = mapValue;
    }

    /** The context seen by a Map state's ItemSelector, where $$.Map.Item is defined. */
    EvalContext withMapItem(int index, JsonNode value) {
        return new EvalContext(execution, stateName, enteredTime, retryCount, true, index, value);
    }

    String stateName() {
        return stateName;
    }

    Random random() {
        return execution.random();
    }

    /** Built on first use: most states never read $$. */
    JsonNode contextObject() {
        if (contextObject == null) {
            ObjectNode root = AslJson.object();
            ObjectNode exec = root.putObject("Execution");
            exec.put("Id", execution.executionArn());
            exec.set("Input", execution.input());
            exec.put("Name", execution.name());
            exec.put("RoleArn", "arn:aws:iam::000000000000:role/local-step-functions");
            exec.put("StartTime", TIMESTAMP.format(execution.startTime()));
            exec.put("RedriveCount", 0);
            ObjectNode state = root.putObject("State");
            state.put("EnteredTime", TIMESTAMP.format(enteredTime));
            state.put("Name", stateName);
            state.put("RetryCount", retryCount);
            ObjectNode sm = root.putObject("StateMachine");
            sm.put("Id", execution.stateMachineArn());
            sm.put("Name", execution.stateMachineName());
            if (hasMapItem) {
                ObjectNode item = root.putObject("Map").putObject("Item");
                item.put("Index", mapIndex);
                item.set("Value", mapValue);
            }
            contextObject = root;
        }
        return contextObject;
    }
}
