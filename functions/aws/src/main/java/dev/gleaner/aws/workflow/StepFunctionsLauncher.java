package dev.gleaner.aws.workflow;

import dev.gleaner.core.task.TaskIds;
import dev.gleaner.core.workflow.WorkflowLauncher;
import java.util.Objects;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * Runs a collection as a Step Functions execution: the first one named after the task id, a
 * resumed task's after its resume count, so a retried start cannot launch twice. The input is
 * {@code {"task_id": ...}} and nothing else: secrets stay in the task store.
 */
public record StepFunctionsLauncher(SfnClient sfn, String stateMachineArn) implements WorkflowLauncher {
    public StepFunctionsLauncher {
        Objects.requireNonNull(sfn, "sfn");
        Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }

    @Override
    public void start(String taskId, String execution) {
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(execution).input(TaskIds.message(taskId)));
        } catch (ExecutionAlreadyExistsException alreadyRunning) {
            // Same name, same input: the start was retried; the first execution is the one.
        }
    }

    @Override
    public void stop(String execution, String reason) {
        try {
            sfn.stopExecution(b -> b.executionArn(executionArn(execution)).error("Cancelled").cause(reason));
        } catch (ExecutionDoesNotExistException gone) {
            // Never started or already gone: nothing to stop.
        }
    }

    @Override
    public ExecutionState state(String execution) {
        try {
            return ExecutionState.valueOf(sfn.describeExecution(b -> b.executionArn(executionArn(execution)))
                    .statusAsString());
        } catch (ExecutionDoesNotExistException gone) {
            return ExecutionState.MISSING;
        } catch (IllegalArgumentException unknownStatus) {
            // A status this code does not know (e.g. PENDING_REDRIVE): not finished.
            return ExecutionState.RUNNING;
        }
    }

    /** arn:aws:states:REGION:ACCOUNT:stateMachine:NAME -> arn:aws:states:REGION:ACCOUNT:execution:NAME:EXECUTION */
    public String executionArn(String execution) {
        return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + execution;
    }
}
