package dev.gleaner.workflow.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.workflow.WorkflowContext;

/** Gives back the task's slot when the workflow ends without running (e.g. cancelled just after acquiring). */
public final class ReleaseSlotHandler extends WorkflowStepHandler {
    @Override
    public JsonNode handle(WorkflowContext ctx, JsonNode input) {
        // Only the slot this execution took: a newer execution of the same task keeps its own.
        return Json.object().put("released", ctx.slots().releaseSlot(taskId(input), execution(input)));
    }
}
