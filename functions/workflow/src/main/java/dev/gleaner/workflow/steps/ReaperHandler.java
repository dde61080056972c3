package dev.gleaner.workflow.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.aws.clients.AwsClients;
import dev.gleaner.aws.workflow.StepFunctionsLauncher;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.config.Lazy;
import dev.gleaner.core.json.Json;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.reaper.Reaper;

/**
 * The reaper's scheduled function (EventBridge Scheduler, every few minutes): one {@link Reaper}
 * pass against the deployed state machine. The event's content does not matter.
 */
public final class ReaperHandler extends WorkflowStepHandler {
    /** Built on first use, once per container: a local runner builds this handler too, but runs its own reaper. */
    private static final Lazy<StepFunctionsLauncher> LAUNCHER = Lazy.of(() -> new StepFunctionsLauncher(
            AwsClients.stepFunctions(), Env.require(Env.STATE_MACHINE_ARN)));

    @Override
    public JsonNode handle(WorkflowContext ctx, JsonNode event) {
        Reaper.Report r = new Reaper(ctx, LAUNCHER.get()).pass();
        return Json.object().put("slots_freed", r.slotsFreed()).put("tickets_removed", r.ticketsRemoved())
                .put("tasks_failed", r.tasksFailed()).put("executions_stopped", r.executionsStopped());
    }
}
