package dev.gleaner.workflow.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.FailureCause;
import dev.gleaner.core.task.CollectionMetrics;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.ResultSummary;
import dev.gleaner.core.task.TaskIds;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import dev.gleaner.workflow.WorkflowContext;
import java.util.Map;
import java.util.Optional;

/**
 * Runs on every "Step Functions Execution Status Change" event (EventBridge rule) for a finished
 * execution. Whatever happened, the task's slot is released. An execution that was stopped,
 * timed out or failed outside a Catch leaves its task unfinished: it is marked {@code failed} with
 * the reason and its expiry, and the callback is sent. A task cancelled through the API gets its
 * callback here, once its execution has stopped.
 */
public final class ExecutionCleanupHandler extends WorkflowStepHandler {
    @Override
    public JsonNode handle(WorkflowContext ctx, JsonNode event) {
        JsonNode detail = event.path("detail");
        String status = detail.path("status").asText("");
        String execution = detail.path("name").asText(null);
        String id = taskIdOf(detail);
        if (id == null) {
            return Json.object().put("ignored", "no task id in the event");
        }
        LogContext.put(LogContext.TASK_ID, id);
        Optional<CollectionTask> task = ctx.tasks().get(id);
        if (task.isPresent() && !task.get().isRunBy(execution)) {
            // An execution the task was taken away from (by a resume): its end changes nothing.
            StructuredLog.info("execution cleanup", id, Map.of("execution", String.valueOf(execution),
                    "execution_status", status, "outcome", "superseded"));
            return Json.object().put("task_id", id).put("slot_released", false).put("outcome", "superseded");
        }
        boolean released = ctx.slots().release(id);
        String outcome = "unchanged";
        if (task.isPresent() && !task.get().status().isFinal() && !status.equals("RUNNING")) {
            String reason = "the workflow ended unexpectedly (" + status + ")"
                    + (detail.hasNonNull("error") ? ": " + detail.get("error").asText() : "")
                    + (detail.hasNonNull("cause") && !detail.get("cause").asText().isBlank()
                            ? " - " + detail.get("cause").asText() : "");
            Optional<CollectionTask> failed = ctx.tasks().finish(id, execution, TaskStatus.FAILED,
                    ResultSummary.ofStored(task.get().platform(), ctx.tasks().allCategoryStates(id)).json(),
                    reason, "실패", Timestamps.logLine(ctx.clock().instant(), "작업 실패: " + reason), ctx.clock().instant());
            failed.ifPresent(t -> CollectionMetrics.ended(t, FailureCause.WORKFLOW));
            failed.ifPresent(ctx.callbacks()::send);
            outcome = failed.isPresent() ? "marked failed" : "unchanged";
        } else if (task.isPresent() && task.get().status() == TaskStatus.CANCELLED && status.equals("ABORTED")) {
            ctx.callbacks().send(task.get());
            outcome = "cancel callback sent";
        }
        StructuredLog.info("execution cleanup", id, Map.of("execution_status", status, "slot_released", released,
                "outcome", outcome));
        return Json.object().put("task_id", id).put("slot_released", released).put("outcome", outcome);
    }

    /** The input's task_id; else the execution's name, which is the task id (plus ".rN" after a resume). */
    private static String taskIdOf(JsonNode detail) {
        Optional<String> fromInput = TaskIds.fromMessage(detail.path("input").asText("{}"));
        if (fromInput.isPresent()) {
            return fromInput.get();
        }
        String name = detail.path("name").asText(null);
        return name == null || name.isBlank() ? null : CollectionTask.taskIdOfExecution(name);
    }
}
