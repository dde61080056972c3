package dev.gleaner.workflow;

import dev.gleaner.workflow.steps.AcquireSlotHandler;
import dev.gleaner.workflow.steps.CollectBatchHandler;
import dev.gleaner.workflow.steps.ExecutionCleanupHandler;
import dev.gleaner.workflow.steps.FinalizeHandler;
import dev.gleaner.workflow.steps.MarkRunningHandler;
import dev.gleaner.workflow.steps.ReaperHandler;
import dev.gleaner.workflow.steps.RecordCategoryFailureHandler;
import dev.gleaner.workflow.steps.ReleaseSlotHandler;
import dev.gleaner.workflow.steps.WorkflowStepHandler;

/**
 * The workflow's functions in one table: the substitution key the ASL definition uses for each
 * ARN, the handler class, and the function's logical id in template.yaml. The local runner
 * substitutes from it; the template test checks the template against it.
 */
public enum WorkflowFunctions {
    ACQUIRE_SLOT("AcquireSlotFunctionArn", AcquireSlotHandler.class, "AcquireSlotFunction"),
    MARK_RUNNING("MarkRunningFunctionArn", MarkRunningHandler.class, "MarkRunningFunction"),
    COLLECT_BATCH("CollectBatchFunctionArn", CollectBatchHandler.class, "CollectBatchFunction"),
    RECORD_CATEGORY_FAILURE("RecordCategoryFailureFunctionArn", RecordCategoryFailureHandler.class,
            "RecordCategoryFailureFunction"),
    FINALIZE("FinalizeFunctionArn", FinalizeHandler.class, "FinalizeFunction"),
    RELEASE_SLOT("ReleaseSlotFunctionArn", ReleaseSlotHandler.class, "ReleaseSlotFunction"),
    /** Not in the definition: invoked by the EventBridge rule on execution status changes. */
    EXECUTION_CLEANUP(null, ExecutionCleanupHandler.class, "ExecutionCleanupFunction"),
    /** Not in the definition: runs on a schedule and heals what the other paths missed (see Reaper). */
    REAPER(null, ReaperHandler.class, "ReaperFunction");

    private final String substitution;
    private final Class<? extends WorkflowStepHandler> handler;
    private final String function;

    WorkflowFunctions(String substitution, Class<? extends WorkflowStepHandler> handler, String function) {
        this.substitution = substitution;
        this.handler = handler;
        this.function = function;
    }

    /** The {@code ${...}} key in collection.asl.json, or null for functions outside the definition. */
    public String substitution() {
        return substitution;
    }

    public Class<? extends WorkflowStepHandler> handler() {
        return handler;
    }

    public String function() {
        return function;
    }

    /** The template logical id of the function a handler class serves (its simple name when none). */
    public static String functionOf(Class<?> handler) {
        for (WorkflowFunctions f : values()) {
            if (f.handler.equals(handler)) {
                return f.function;
            }
        }
        return handler.getSimpleName();
    }

    /** The ARN a local run substitutes for this function (the runner maps it back to the handler). */
    public String localArn() {
        return "arn:aws:lambda:local:000000000000:function:gleaner-" + function;
    }

    /** A new instance of the handler, as Lambda builds it (steps take their context as an argument). */
    public WorkflowStepHandler create() {
        try {
            return handler.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + handler.getName(), e);
        }
    }
}
