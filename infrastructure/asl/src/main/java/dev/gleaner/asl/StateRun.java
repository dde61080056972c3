package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.asl.Model.Catcher;
import dev.gleaner.asl.Model.Choice;
import dev.gleaner.asl.Model.ChoiceState;
import dev.gleaner.asl.Model.FailState;
import dev.gleaner.asl.Model.IoPath;
import dev.gleaner.asl.Model.MapState;
import dev.gleaner.asl.Model.ParallelState;
import dev.gleaner.asl.Model.PassState;
import dev.gleaner.asl.Model.ResultPathSpec;
import dev.gleaner.asl.Model.Retrier;
import dev.gleaner.asl.Model.State;
import dev.gleaner.asl.Model.SucceedState;
import dev.gleaner.asl.Model.TaskState;
import dev.gleaner.asl.Model.WaitState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One visit of one state: input processing, the state's work, output processing, and Retry /
 * Catch. Asynchronous steps (task invocations, waits, retries, Map iterations) continue on the
 * worker pool; nothing here blocks a thread while waiting.
 */
final class StateRun {
    private final Flow flow;
    private final ExecutionImpl exec;
    private final String name;
    private final State state;
    private final JsonNode rawInput;
    private final Instant enteredTime;
    private final List<Retrier> retriers;
    private final List<Catcher> catchers;
    private final int[] attempts;
    private int retryCount;

    StateRun(Flow flow, String name, State state, JsonNode rawInput) {
        this.flow = flow;
        this.exec = flow.exec;
        this.name = name;
        this.state = state;
        this.rawInput = rawInput;
        this.enteredTime = exec.now();
        if (state instanceof TaskState t) {
            retriers = t.retry();
            catchers = t.catchers();
        } else if (state instanceof MapState m) {
            retriers = m.retry();
            catchers = m.catchers();
        } else if (state instanceof ParallelState p) {
            retriers = p.retry();
            catchers = p.catchers();
        } else {
            retriers = List.of();
            catchers = List.of();
        }
        this.attempts = new int[retriers.size()];
    }

    void enter() {
        exec.record(enteredEvent(), name, details("input", rawInput));
        attempt();
    }

    private void attempt() {
        guard(() -> {
            if (state instanceof TaskState t) {
                runTask(t);
            } else if (state instanceof PassState p) {
                runPass(p);
            } else if (state instanceof ChoiceState c) {
                runChoice(c);
            } else if (state instanceof WaitState w) {
                runWait(w);
            } else if (state instanceof SucceedState s) {
                runSucceed(s);
            } else if (state instanceof FailState f) {
                runFail(f);
            } else if (state instanceof MapState m) {
                runMap(m);
            } else {
                runParallel((ParallelState) state);
            }
        });
    }

    /** Runs a step; a States error it raises goes through Retry / Catch. */
    private void guard(Runnable step) {
        try {
            step.run();
        } catch (StatesError e) {
            failed(e);
        }
    }

    private EvalContext context() {
        return new EvalContext(exec.info(), name, enteredTime, retryCount);
    }

    // ---- state types ----

    private void runPass(PassState p) {
        EvalContext ctx = context();
        JsonNode effective = p.inputPath().apply(rawInput, ctx, "InputPath");
        JsonNode result = p.result() != null ? p.result()
                : p.parameters() != null ? p.parameters().evaluate(effective, ctx) : effective;
        JsonNode output = p.outputPath().apply(p.resultPath().apply(rawInput, result), ctx, "OutputPath");
        succeeded(p.next(), output);
    }

    private void runChoice(ChoiceState c) {
        EvalContext ctx = context();
        JsonNode effective = c.inputPath().apply(rawInput, ctx, "InputPath");
        String next = null;
        for (Choice choice : c.choices()) {
            if (choice.rule().test(effective, ctx)) {
                next = choice.next();
                break;
            }
        }
        if (next == null) {
            next = c.defaultNext();
        }
        if (next == null) {
            throw new StatesError(StatesError.NO_CHOICE_MATCHED, "No Choice Rule matched and there is no Default"
                    + " in state '" + name + "'");
        }
        succeeded(next, c.outputPath().apply(effective, ctx, "OutputPath"));
    }

    private void runWait(WaitState w) {
        EvalContext ctx = context();
        JsonNode effective = w.inputPath().apply(rawInput, ctx, "InputPath");
        double seconds;
        if (w.seconds() != null) {
            seconds = w.seconds();
        } else if (w.secondsPath() != null) {
            JsonNode v = w.secondsPath().find(effective, ctx);
            if (v == null || !v.isNumber() || !v.canConvertToExactIntegral() || v.decimalValue().signum() < 0) {
                throw StatesError.runtime("An error occurred while executing the state '" + name + "'. SecondsPath '"
                        + w.secondsPath().text() + "' must point to a non-negative integer, got "
                        + (v == null ? "nothing" : AslJson.abbreviate(v, 60)));
            }
            seconds = v.doubleValue();
        } else {
            Instant until = w.timestamp();
            if (until == null) {
                JsonNode v = w.timestampPath().find(effective, ctx);
                until = v != null && v.isTextual() ? Timestamps.parse(v.textValue()) : null;
                if (until == null) {
                    throw StatesError.runtime("An error occurred while executing the state '" + name
                            + "'. TimestampPath '" + w.timestampPath().text() + "' must point to an RFC 3339"
                            + " timestamp, got " + (v == null ? "nothing" : AslJson.abbreviate(v, 60)));
                }
            }
            Duration left = Duration.between(exec.now(), until);
            seconds = left.getSeconds() + left.getNano() / 1e9; // toNanos() would overflow past ~292 years
        }
        JsonNode output = w.outputPath().apply(effective, ctx, "OutputPath");
        long nanos = exec.engine.waitDelayNanos(seconds);
        if (nanos <= 0) {
            succeeded(w.next(), output);
            return;
        }
        flow.scope.schedule(exec.engine.scheduler, DelayScheduler.Kind.WAIT, nanos,
                () -> exec.submit(flow.scope, () -> guard(() -> succeeded(w.next(), output))));
    }

    private void runSucceed(SucceedState s) {
        EvalContext ctx = context();
        JsonNode effective = s.inputPath().apply(rawInput, ctx, "InputPath");
        succeeded(null, s.outputPath().apply(effective, ctx, "OutputPath"));
    }

    private void runFail(FailState f) {
        EvalContext ctx = context();
        String error = f.errorPath() == null ? f.error() : stringFrom(f.errorPath(), ctx, "ErrorPath");
        String cause = f.causePath() == null ? f.cause() : stringFrom(f.causePath(), ctx, "CausePath");
        flow.fail(new StatesError(error, cause));
    }

    private String stringFrom(ValueExpr expr, EvalContext ctx, String field) {
        JsonNode v;
        if (expr instanceof Path p) {
            v = p.find(rawInput, ctx);
            if (v == null) {
                throw StatesError.runtime("An error occurred while executing the state '" + name + "'. The JSONPath '"
                        + p.text() + "' of " + field + " could not be found in the input");
            }
        } else {
            v = expr.evaluate(rawInput, ctx);
        }
        if (!v.isTextual()) {
            throw StatesError.runtime("An error occurred while executing the state '" + name + "'. " + field
                    + " must select a string, got " + AslJson.typeName(v));
        }
        return v.textValue();
    }

    private void runTask(TaskState t) {
        EvalContext ctx = context();
        JsonNode effective = t.inputPath().apply(rawInput, ctx, "InputPath");
        JsonNode params = t.parameters() == null ? effective : t.parameters().evaluate(effective, ctx);
        Long timeout = t.timeoutSeconds();
        if (t.timeoutSecondsPath() != null) {
            JsonNode v = t.timeoutSecondsPath().find(effective, ctx);
            if (v == null || !v.isNumber() || !v.canConvertToExactIntegral() || v.decimalValue().signum() <= 0) {
                throw StatesError.runtime("An error occurred while executing the state '" + name
                        + "'. TimeoutSecondsPath '" + t.timeoutSecondsPath().text()
                        + "' must point to a positive integer, got " + (v == null ? "nothing" : AslJson.abbreviate(v, 60)));
            }
            timeout = v.longValue();
        }
        ObjectNode scheduled = AslJson.object();
        scheduled.put("resource", t.resource());
        scheduled.set("input", params);
        if (timeout != null) {
            scheduled.put("timeoutInSeconds", timeout);
        }
        exec.record(HistoryEventType.LambdaFunctionScheduled, name, scheduled);

        AtomicBoolean settled = new AtomicBoolean();
        Scope.Timer timer = null;
        if (timeout != null) {
            long seconds = timeout;
            timer = flow.scope.schedule(exec.engine.scheduler, DelayScheduler.Kind.TASK_TIMEOUT,
                    seconds * 1_000_000_000L, () -> exec.submit(flow.scope, () -> {
                        if (settled.compareAndSet(false, true)) {
                            exec.record(HistoryEventType.LambdaFunctionTimedOut, name,
                                    details("error", AslJson.NODES.textNode(StatesError.TIMEOUT)));
                            failed(new StatesError(StatesError.TIMEOUT, "The task did not finish within "
                                    + seconds + " seconds (TimeoutSeconds)"));
                        }
                    }));
        }
        Scope.Timer timeoutTimer = timer;
        exec.submit(flow.scope, () -> {
            if (settled.get()) {
                return; // timed out before a worker could start it
            }
            exec.record(HistoryEventType.LambdaFunctionStarted, name, AslJson.object());
            JsonNode result = null;
            TaskFailure failure = null;
            try {
                result = exec.engine.invoker.invoke(t.resource(), params.deepCopy());
                result = result == null ? AslJson.NODES.nullNode() : result.deepCopy();
            } catch (TaskFailure f) {
                failure = f;
            } catch (RuntimeException | Error e) {
                // What the Java Lambda runtime reports for an exception escaping the handler.
                ObjectNode cause = AslJson.object();
                cause.put("errorMessage", e.getMessage());
                cause.put("errorType", e.getClass().getName());
                failure = new TaskFailure(e.getClass().getName(), AslJson.compact(cause));
            }
            if (!settled.compareAndSet(false, true) || flow.scope.isCancelled()) {
                return; // timed out or stopped meanwhile: the result is discarded
            }
            if (timeoutTimer != null) {
                flow.scope.cancelTimer(timeoutTimer);
            }
            if (failure != null) {
                ObjectNode d = AslJson.object();
                d.put("error", failure.error());
                d.put("cause", failure.cause());
                exec.record(HistoryEventType.LambdaFunctionFailed, name, d);
                failed(new StatesError(failure.error(), failure.cause()));
                return;
            }
            exec.record(HistoryEventType.LambdaFunctionSucceeded, name, details("output", result));
            JsonNode taskResult = result;
            guard(() -> finishWithResult(t.resultSelector(), t.resultPath(), t.outputPath(), t.next(), taskResult));
        });
    }

    private void runMap(MapState m) {
        EvalContext ctx = context();
        JsonNode effective = m.inputPath().apply(rawInput, ctx, "InputPath");
        JsonNode items = effective;
        if (m.itemsPath() != null) {
            items = m.itemsPath().find(effective, ctx);
            if (items == null) {
                throw StatesError.runtime("An error occurred while executing the state '" + name + "'. ItemsPath '"
                        + m.itemsPath().text() + "' could not be found in the input");
            }
        }
        if (!items.isArray()) {
            throw StatesError.runtime("An error occurred while executing the state '" + name
                    + "'. The items of a Map state must be a JSON array, got " + AslJson.typeName(items));
        }
        int limit = m.maxConcurrency() == null ? 0 : m.maxConcurrency();
        if (m.maxConcurrencyPath() != null) {
            JsonNode v = m.maxConcurrencyPath().find(effective, ctx);
            if (v == null || !v.isNumber() || !v.canConvertToExactIntegral() || v.decimalValue().signum() < 0
                    || !v.canConvertToInt()) {
                throw StatesError.runtime("An error occurred while executing the state '" + name
                        + "'. MaxConcurrencyPath '" + m.maxConcurrencyPath().text()
                        + "' must point to a non-negative integer, got " + (v == null ? "nothing" : AslJson.abbreviate(v, 60)));
            }
            limit = v.intValue();
        }
        JsonNode itemList = items;
        exec.record(HistoryEventType.MapStateStarted, name, details("length", AslJson.NODES.numberNode(items.size())));
        new FanOut(exec, flow.scope, name, true, items.size(), limit, index -> {
            JsonNode item = itemList.get(index);
            JsonNode iterationInput = m.itemSelector() == null ? item
                    : m.itemSelector().evaluate(effective, ctx.withMapItem(index, item));
            return new FanOut.Launch(m.processor(), iterationInput);
        }, results -> guard(() -> {
            exec.record(HistoryEventType.MapStateSucceeded, name, AslJson.object());
            finishWithResult(m.resultSelector(), m.resultPath(), m.outputPath(), m.next(), results);
        }), error -> {
            exec.record(HistoryEventType.MapStateFailed, name, errorDetails(error));
            failed(error);
        }).start();
    }

    private void runParallel(ParallelState p) {
        EvalContext ctx = context();
        JsonNode effective = p.inputPath().apply(rawInput, ctx, "InputPath");
        JsonNode input = p.parameters() == null ? effective : p.parameters().evaluate(effective, ctx);
        exec.record(HistoryEventType.ParallelStateStarted, name, AslJson.object());
        new FanOut(exec, flow.scope, name, false, p.branches().size(), 0,
                index -> new FanOut.Launch(p.branches().get(index), input),
                results -> guard(() -> {
                    exec.record(HistoryEventType.ParallelStateSucceeded, name, AslJson.object());
                    finishWithResult(p.resultSelector(), p.resultPath(), p.outputPath(), p.next(), results);
                }), error -> {
                    exec.record(HistoryEventType.ParallelStateFailed, name, errorDetails(error));
                    failed(error);
                }).start();
    }

    // ---- completion, retry, catch ----

    /** ResultSelector, then ResultPath onto the raw input, then OutputPath. */
    private void finishWithResult(PayloadTemplate resultSelector, ResultPathSpec resultPath, IoPath outputPath,
            String next, JsonNode result) {
        EvalContext ctx = context();
        JsonNode selected = resultSelector == null ? result : resultSelector.evaluate(result, ctx);
        JsonNode merged = resultPath.apply(rawInput, selected);
        succeeded(next, outputPath.apply(merged, ctx, "OutputPath"));
    }

    private void succeeded(String next, JsonNode output) {
        HistoryEventType exited = exitedEvent();
        if (exited != null) {
            exec.record(exited, name, details("output", output));
        }
        if (next == null) {
            flow.end(output);
        } else {
            flow.go(next, output);
        }
    }

    /** Retry (first matching retrier only), else Catch (first matching catcher), else fail the flow. */
    private void failed(StatesError error) {
        if (flow.scope.isCancelled()) {
            return;
        }
        if (error.isTerminal()) {
            flow.fail(error);
            return;
        }
        boolean task = state instanceof TaskState;
        for (int i = 0; i < retriers.size(); i++) {
            Retrier r = retriers.get(i);
            if (!Model.matches(r.errorEquals(), error.error(), task)) {
                continue;
            }
            if (attempts[i] < r.maxAttempts()) {
                attempts[i]++;
                retryCount++;
                double seconds = r.delaySeconds(attempts[i], exec.engine.options.random());
                long nanos = exec.engine.retryDelayNanos(seconds);
                ObjectNode d = errorDetails(error);
                d.put("retrier", i);
                d.put("attempt", attempts[i]);
                d.put("delaySeconds", seconds);
                d.put("scaledDelayMillis", nanos / 1_000_000.0);
                exec.record(HistoryEventType.StateRetryScheduled, name, d);
                flow.scope.schedule(exec.engine.scheduler, DelayScheduler.Kind.RETRY, nanos,
                        () -> exec.submit(flow.scope, this::attempt));
                return;
            }
            break; // that retrier is exhausted: no other retrier is consulted
        }
        for (Catcher c : catchers) {
            if (!Model.matches(c.errorEquals(), error.error(), task)) {
                continue;
            }
            ObjectNode errorOutput = AslJson.object();
            errorOutput.put("Error", error.error());
            errorOutput.put("Cause", error.cause());
            JsonNode output;
            try {
                output = c.resultPath().apply(rawInput, errorOutput);
            } catch (StatesError e) {
                flow.fail(e);
                return;
            }
            ObjectNode d = errorDetails(error);
            d.put("next", c.next());
            exec.record(HistoryEventType.StateCaught, name, d);
            flow.go(c.next(), output);
            return;
        }
        flow.fail(error);
    }

    // ---- events ----

    private HistoryEventType enteredEvent() {
        return HistoryEventType.valueOf(kind() + "StateEntered");
    }

    /** The state's Exited event; a Fail state has none (the execution ends there). */
    private HistoryEventType exitedEvent() {
        return state instanceof FailState ? null : HistoryEventType.valueOf(kind() + "StateExited");
    }

    /** The state type as the history event names spell it: Task, Pass, Choice, ... (each State record is named after its type). */
    private String kind() {
        String record = state.getClass().getSimpleName();
        return record.substring(0, record.length() - "State".length());
    }

    private static ObjectNode details(String key, JsonNode value) {
        ObjectNode d = AslJson.object();
        d.set(key, value);
        return d;
    }

    private static ObjectNode errorDetails(StatesError error) {
        ObjectNode d = AslJson.object();
        d.put("error", error.error());
        d.put("cause", error.cause());
        return d;
    }
}
