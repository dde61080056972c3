package dev.gleaner.local.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.asl.TaskFailure;
import dev.gleaner.asl.TaskInvoker;
import dev.gleaner.core.json.Json;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.WorkflowFunctions;
import dev.gleaner.workflow.steps.WorkflowStepHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The workflow's Lambda functions, in process: one handler instance per function (as one warm
 * container), invoked through the same byte-stream interface Lambda uses, failing the way the
 * Java runtime reports a failure: the exception's fully qualified class name as the error and
 * {@code {"errorMessage", "errorType", "stackTrace"}} as the cause.
 */
public final class LocalLambdas implements TaskInvoker {
    private final WorkflowContext ctx;
    private final Map<String, WorkflowStepHandler> byArn = new HashMap<>();
    private final Map<WorkflowFunctions, WorkflowStepHandler> byFunction = new EnumMap<>(WorkflowFunctions.class);

    public LocalLambdas(WorkflowContext ctx) {
        this.ctx = ctx;
        for (WorkflowFunctions f : WorkflowFunctions.values()) {
            WorkflowStepHandler h = f.create();
            byFunction.put(f, h);
            byArn.put(f.localArn(), h);
        }
    }

    /** The definition's substitutions: each {@code ${...FunctionArn}} to its local ARN. */
    public static Map<String, String> substitutions() {
        Map<String, String> s = new HashMap<>();
        for (WorkflowFunctions f : WorkflowFunctions.values()) {
            if (f.substitution() != null) {
                s.put(f.substitution(), f.localArn());
            }
        }
        return s;
    }

    /** Runs function {@code f}'s step on this runner's context, in process (no byte streams). */
    public JsonNode handle(WorkflowFunctions f, JsonNode input) {
        return byFunction.get(f).handle(ctx, input);
    }

    public boolean knows(String arn) {
        return byArn.containsKey(arn);
    }

    @Override
    public JsonNode invoke(String resource, JsonNode input) throws TaskFailure {
        WorkflowStepHandler handler = byArn.get(resource);
        if (handler == null) {
            throw new TaskFailure("Lambda.ResourceNotFoundException", "Function not found: " + resource);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleStream(ctx, new ByteArrayInputStream(Json.write(input).getBytes(StandardCharsets.UTF_8)),
                    out, null);
            return Json.parse(out.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new TaskFailure(e.getClass().getName(), lambdaCause(e));
        }
    }

    /** The Cause string the Java Lambda runtime produces for an unhandled exception. */
    public static String lambdaCause(Throwable e) {
        ObjectNode cause = Json.object();
        cause.put("errorMessage", e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        cause.put("errorType", e.getClass().getName());
        var trace = cause.putArray("stackTrace");
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(5, st.length); i++) {
            trace.add(st[i].toString());
        }
        return Json.write(cause);
    }
}
