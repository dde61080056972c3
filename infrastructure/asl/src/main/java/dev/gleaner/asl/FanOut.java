package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs N sub-flows (Map iterations or Parallel branches) with at most {@code limit} in flight
 * (0 = no limit), collects their outputs in order, and stops the others at the first failure.
 */
final class FanOut {
    record Launch(Model.Branch branch, JsonNode input) {}

    @FunctionalInterface
    interface Launcher {
        /** @throws StatesError if the sub-flow's input cannot be built */
        Launch launch(int index);
    }

    private final ExecutionImpl exec;
    private final Scope scope;
    private final String stateName;
    private final boolean mapEvents;
    private final int total;
    private final int limit;
    private final Launcher launcher;
    private final Consumer<JsonNode> onSuccess;
    private final Consumer<StatesError> onFailure;

    private final JsonNode[] results;
    private final Scope[] running;
    private int nextIndex;
    private int active;
    private int finished;
    private boolean failed;

    FanOut(ExecutionImpl exec, Scope parent, String stateName, boolean mapEvents, int total, int limit,
            Launcher launcher, Consumer<JsonNode> onSuccess, Consumer<StatesError> onFailure) {
        this.exec = exec;
        this.scope = parent.child();
        this.stateName = stateName;
        this.mapEvents = mapEvents;
        this.total = total;
        this.limit = limit;
        this.launcher = launcher;
        this.onSuccess = onSuccess;
        this.onFailure = onFailure;
        this.results = new JsonNode[total];
        this.running = new Scope[total];
    }

    void start() {
        if (total == 0) {
            scope.detach();
            onSuccess.accept(AslJson.NODES.arrayNode());
            return;
        }
        List<Integer> first;
        synchronized (this) {
            first = claim();
        }
        first.forEach(this::launch);
    }

    /** Reserves the next indexes that may start now. Caller holds the lock. */
    private List<Integer> claim() {
        List<Integer> out = new ArrayList<>();
        while (!failed && nextIndex < total && (limit == 0 || active < limit)) {
            out.add(nextIndex++);
            active++;
        }
        return out;
    }

    private void launch(int index) {
        if (scope.isCancelled()) {
            return;
        }
        Launch l;
        try {
            l = launcher.launch(index);
        } catch (StatesError e) {
            failed(index, e);
            return;
        }
        Scope child = scope.child();
        synchronized (this) {
            if (failed) {
                return;
            }
            running[index] = child;
        }
        if (mapEvents) {
            exec.record(HistoryEventType.MapIterationStarted, stateName, index(index));
        }
        new Flow(exec, l.branch(), child, new Flow.Completion() {
            @Override
            public void succeeded(JsonNode output) {
                FanOut.this.succeeded(index, output);
            }

            @Override
            public void failed(StatesError error) {
                FanOut.this.failed(index, error);
            }
        }).start(l.input());
    }

    private void succeeded(int index, JsonNode output) {
        List<Integer> more;
        boolean complete;
        synchronized (this) {
            if (failed) {
                return;
            }
            results[index] = output;
            running[index].detach();
            running[index] = null;
            active--;
            finished++;
            complete = finished == total;
            more = complete ? List.of() : claim();
        }
        if (mapEvents) {
            exec.record(HistoryEventType.MapIterationSucceeded, stateName, index(index));
        }
        if (complete) {
            scope.detach();
            ArrayNode out = AslJson.NODES.arrayNode();
            for (JsonNode r : results) {
                out.add(r);
            }
            onSuccess.accept(out);
        } else {
            more.forEach(this::launch);
        }
    }

    private void failed(int index, StatesError error) {
        List<Integer> aborted = new ArrayList<>();
        synchronized (this) {
            if (failed) {
                return;
            }
            failed = true;
            for (int i = 0; i < total; i++) {
                if (i != index && running[i] != null) {
                    aborted.add(i);
                }
            }
        }
        scope.cancel();
        if (mapEvents) {
            ObjectNode details = index(index);
            details.put("error", error.error());
            details.put("cause", error.cause());
            exec.record(HistoryEventType.MapIterationFailed, stateName, details);
            for (int i : aborted) {
                exec.record(HistoryEventType.MapIterationAborted, stateName, index(i));
            }
        }
        onFailure.accept(error);
    }

    private static ObjectNode index(int index) {
        ObjectNode details = AslJson.object();
        details.put("index", index);
        return details;
    }
}
