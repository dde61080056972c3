package dev.gleaner.workflow.steps;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.aws.errors.AwsFaults;
import dev.gleaner.core.json.Json;
import dev.gleaner.workflow.errors.TransientServiceError;
import dev.gleaner.workflow.WorkflowContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The shape of every state-machine task function: small JSON in (the task id and a category at
 * most), small JSON out. Exceptions propagate: Lambda reports their fully qualified class name as
 * the error, which the definition's Retry and Catch match; transient AWS faults (throttling, 5xx,
 * network) are reported as {@link TransientServiceError}, which every Task state retries.
 */
public abstract class WorkflowStepHandler implements RequestStreamHandler {
    protected final WorkflowContext ctx;

    protected WorkflowStepHandler(WorkflowContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode in = Json.MAPPER.readTree(input);
        JsonNode out;
        try {
            out = handle(in == null ? Json.object() : in);
        } catch (RuntimeException e) {
            RuntimeException transientFault = AwsFaults.transientCause(e);
            if (transientFault != null) {
                // Retried by the state machine (TransientServiceError's retrier), with backoff and jitter.
                throw new TransientServiceError(getClass().getSimpleName() + ": " + transientFault.getClass().getSimpleName()
                        + ": " + transientFault.getMessage(), e);
            }
            throw e;
        }
        Json.MAPPER.writeValue(output, out);
    }

    /** The step itself; public so that in-process callers can skip the byte streams. */
    public abstract JsonNode handle(JsonNode input);

    /**
     * The execution this step runs in ({@code "execution.$": "$$.Execution.Name"} in the definition):
     * only the task's current execution may move it. Null when the input does not say (any).
     */
    protected static String execution(JsonNode input) {
        String name = input.path("execution").asText(null);
        return name == null || name.isBlank() ? null : name;
    }

    protected static String taskId(JsonNode input) {
        String id = input.path("task_id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("the step input has no task_id");
        }
        return id;
    }
}
