package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Task state calls. Runs on one of the executor's worker threads and may block.
 * A {@link TaskFailure} is matched by the state's Retry and Catch; any other exception thrown
 * here is reported as a failure named after its class (as the Java Lambda runtime does).
 */
@FunctionalInterface
public interface TaskInvoker {
    /**
     * @param resource the state's Resource after substitution (for this project, a Lambda ARN)
     * @param input the effective input after InputPath and Parameters (a private copy)
     * @return the task result; null is treated as JSON null
     */
    JsonNode invoke(String resource, JsonNode input) throws TaskFailure;
}
