package dev.gleaner.workflow.steps;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.workflow.WorkflowContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The shape of every state-machine task function: small JSON in (the task id and a category at
 * most), small JSON out. Exceptions propagate: Lambda reports their fully qualified class name as
 * the error, which the definition's Retry and Catch match.
 */
public abstract class WorkflowStepHandler implements RequestStreamHandler {
    protected final WorkflowContext ctx;

    protected WorkflowStepHandler(WorkflowContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode in = Json.MAPPER.readTree(input);
        JsonNode out = handle(in == null ? Json.object() : in);
        Json.MAPPER.writeValue(output, out);
    }

    /** The step itself; public so that in-process callers can skip the byte streams. */
    public abstract JsonNode handle(JsonNode input);

    protected static String taskId(JsonNode input) {
        String id = input.path("task_id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("the step input has no task_id");
        }
        return id;
    }
}
