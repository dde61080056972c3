package dev.gleaner.workflow.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.errors.SlotUnavailableException;
import java.util.Optional;

/**
 * Takes one of the running slots for a pending task, or throws {@link SlotUnavailableException}
 * so that the state machine waits (Retry with jitter) and asks again. A task that is no longer
 * pending (cancelled while waiting) answers {@code acquired: false} and the workflow ends.
 * Waiting tasks go roughly oldest first: a task only takes a slot while fewer older tasks wait
 * than there are free slots.
 */
public final class AcquireSlotHandler extends WorkflowStepHandler {
    public AcquireSlotHandler() {
        this(WorkflowContext.fromEnvironment());
    }

    public AcquireSlotHandler(WorkflowContext ctx) {
        super(ctx);
    }

    @Override
    public JsonNode handle(JsonNode input) {
        String id = taskId(input);
        Optional<CollectionTask> task = ctx.tasks().get(id);
        if (task.isEmpty() || task.get().status() != TaskStatus.PENDING) {
            return result(false, task.map(t -> t.status().wire()).orElse("missing"));
        }
        int free = ctx.slots().maxHolders() - ctx.slots().holderCount();
        if (free <= 0 || ctx.tasks().countPendingOlderThan(task.get()) >= free) {
            throw new SlotUnavailableException("all " + ctx.slots().maxHolders()
                    + " collection slots are busy or promised to older tasks; waiting");
        }
        if (!ctx.slots().tryAcquire(id)) {
            throw new SlotUnavailableException("all " + ctx.slots().maxHolders() + " collection slots are busy; waiting");
        }
        // A cancel may have landed between the status read and the acquire: give the slot back.
        Optional<CollectionTask> after = ctx.tasks().get(id);
        if (after.isEmpty() || after.get().status() != TaskStatus.PENDING) {
            ctx.slots().release(id);
            return result(false, after.map(t -> t.status().wire()).orElse("missing"));
        }
        return result(true, TaskStatus.PENDING.wire());
    }

    private static JsonNode result(boolean acquired, String status) {
        return Json.object().put("acquired", acquired).put("status", status);
    }
}
