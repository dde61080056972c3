package dev.gleaner.workflow.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.Timestamps;
import dev.gleaner.core.task.CategoryState;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.errors.ErrorCause;

/** A category's loop failed for good (caught by the Map iteration): record it, let the others go on. */
public final class RecordCategoryFailureHandler extends WorkflowStepHandler {
    @Override
    public JsonNode handle(WorkflowContext ctx, JsonNode input) {
        String id = taskId(input);
        String key = input.path("category").asText();
        String name = input.path("name").asText(key);
        String error = ErrorCause.readable(input.get("failure"));
        CategoryState s = CategoryState.fromMap(key, ctx.tasks().categoryState(id, key));
        // The cursor stays: a resumed task tries the category again from where it stopped.
        CategoryState failed = new CategoryState(key, name, CategoryState.FAILED, s.cursor(), s.collected(), s.fresh(),
                s.pages(), s.comments(), s.reviews(), error == null ? "unknown error" : error, s.batches());
        ctx.tasks().saveCategoryState(id, key, failed.toMap());
        ctx.tasks().appendLog(id, Timestamps.logLine(ctx.clock().instant(), name + " 수집 실패: " + failed.error()));
        return Json.object().put("task_id", id).put("category", key).put("failed", true);
    }
}
