package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One path through a set of states: the whole execution, a Map iteration or a Parallel branch.
 * Every transition is a fresh task on the worker pool, so long loops never grow the stack.
 */
final class Flow {
    interface Completion {
        void succeeded(JsonNode output);

        void failed(StatesError error);
    }

    final ExecutionImpl exec;
    final Model.Branch branch;
    final Scope scope;
    private final Completion completion;

    Flow(ExecutionImpl exec, Model.Branch branch, Scope scope, Completion completion) {
        this.exec = exec;
        this.branch = branch;
        this.scope = scope;
        this.completion = completion;
    }

    void start(JsonNode input) {
        go(branch.startAt(), input);
    }

    void go(String stateName, JsonNode input) {
        exec.submit(scope, () -> new StateRun(this, stateName, branch.state(stateName), input).enter());
    }

    void end(JsonNode output) {
        if (!scope.isCancelled()) {
            completion.succeeded(output);
        }
    }

    void fail(StatesError error) {
        if (!scope.isCancelled()) {
            completion.failed(error);
        }
    }
}
