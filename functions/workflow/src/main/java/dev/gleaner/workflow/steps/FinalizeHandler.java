package dev.gleaner.workflow.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.metrics.FailureCause;
import dev.gleaner.core.task.CollectionMetrics;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import dev.gleaner.core.task.ResultSummary;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.errors.ErrorCause;
import java.util.Map;
import java.util.Optional;

/**
 * The end of every path: {@code completed} or {@code failed} with {@code result_summary},
 * {@code completed_at} and the 24 h expiry; the slot released; the callback sent. Input
 * {@code failure} (a Catch's {@code {"Error", "Cause"}}) means the whole run failed. A task that is
 * already final (cancelled) keeps its status; only the slot is released.
 */
public final class FinalizeHandler extends WorkflowStepHandler {
    @Override
    public JsonNode handle(WorkflowContext ctx, JsonNode input) {
        String id = taskId(input);
        Optional<CollectionTask> current = ctx.tasks().get(id);
        if (current.isPresent() && !current.get().isRunBy(execution(input))) {
            // A resume gave the task to a newer execution: this one leaves it, and its slot, alone.
            return Json.object().put("status", "superseded");
        }
        try {
            if (current.isEmpty() || current.get().status().isFinal()) {
                return Json.object().put("status", current.map(t -> t.status().wire()).orElse("missing"));
            }
            CollectionTask task = current.get();
            Map<String, Map<String, Object>> stored = ctx.tasks().allCategoryStates(id);
            ResultSummary summary = ResultSummary.ofStored(task.platform(), stored);
            String runFailure = ErrorCause.readable(input.get("failure"));
            TaskStatus status;
            String error;
            if (runFailure != null) {
                status = TaskStatus.FAILED;
                error = runFailure;
            } else {
                status = summary.anySucceeded() ? TaskStatus.COMPLETED : TaskStatus.FAILED;
                error = summary.error();
            }
            int total = summary.json().path("totals").path("collected").asInt();
            String platform = task.platform().displayName();
            String line = status == TaskStatus.COMPLETED
                    ? platform + " 데이터 수집 완료: " + total + "건" + (error == null ? "" : " (일부 실패)")
                    : platform + " 데이터 수집 실패: " + error;
            Optional<CollectionTask> finished = ctx.tasks().finish(id, execution(input), status, summary.json(), error,
                    status == TaskStatus.COMPLETED ? "완료" : "실패", Timestamps.logLine(ctx.clock().instant(), line),
                    ctx.clock().instant());
            finished.ifPresent(t -> CollectionMetrics.ended(t, runFailure != null ? FailureCause.WORKFLOW : FailureCause.SOURCE));
            finished.ifPresent(ctx.callbacks()::send);
            return Json.object().put("status", finished.map(t -> t.status().wire()).orElse("unchanged"));
        } finally {
            ctx.slots().release(id);
        }
    }
}
