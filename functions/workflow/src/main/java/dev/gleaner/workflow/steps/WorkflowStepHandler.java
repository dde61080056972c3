package dev.gleaner.workflow.steps;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.aws.errors.AwsFaults;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.workflow.errors.TransientServiceError;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.WorkflowFunctions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The shape of every state-machine task function: small JSON in (the task id and a category at
 * most), small JSON out. Exceptions propagate: Lambda reports their fully qualified class name as
 * the error, which the definition's Retry and Catch match; transient AWS faults (throttling, 5xx,
 * network) are reported as {@link TransientServiceError}, which every Task state retries.
 *
 * <p>A step holds no state: the {@link WorkflowContext} it works on is an argument. On Lambda it is
 * the one built from the environment, once per container; the local runner and the tests pass
 * their own. So a step class needs no constructor of its own (Lambda builds it with the implicit one).
 */
public abstract class WorkflowStepHandler implements RequestStreamHandler {
    /** Lambda's entry point: the step on the context built from the environment. */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handleStream(WorkflowContext.fromEnvironment(), input, output, context);
    }

    /**
     * The same on a given context: how the local runner invokes its in-process functions. (Not an
     * overload of handleRequest: Lambda looks the handler method up by that name.)
     */
    public final void handleStream(WorkflowContext ctx, InputStream input, OutputStream output, Context context)
            throws IOException {
        JsonNode in = Json.MAPPER.readTree(input);
        try (LogContext.Scope scope = LogContext.invocation(context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId(), WorkflowFunctions.functionOf(getClass()))) {
            JsonNode step = in == null ? Json.object() : in;
            LogContext.put(LogContext.TASK_ID, text(step, "task_id"));
            LogContext.put(LogContext.CATEGORY, text(step, "category"));
            JsonNode out;
            try {
                out = handle(ctx, step);
            } catch (RuntimeException e) {
                RuntimeException transientFault = AwsFaults.transientCause(e);
                if (transientFault != null) {
                    // Retried by the state machine (TransientServiceError's retrier), with backoff and jitter.
                    StructuredLog.warn("transient AWS fault; the state machine retries the step", null, transientFault);
                    throw new TransientServiceError(getClass().getSimpleName() + ": "
                            + transientFault.getClass().getSimpleName() + ": " + transientFault.getMessage(), e);
                }
                throw e; // Lambda logs it and reports its class name to the state machine
            }
            Json.MAPPER.writeValue(output, out);
        }
    }

    private static String text(JsonNode input, String field) {
        JsonNode v = input.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    /** The step itself; public so that in-process callers can skip the byte streams. */
    public abstract JsonNode handle(WorkflowContext ctx, JsonNode input);

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
