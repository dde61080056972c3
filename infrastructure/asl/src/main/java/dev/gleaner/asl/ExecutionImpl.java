package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A running or finished execution: status, history, and the root of its cancellation scopes. */
final class ExecutionImpl implements Execution {
    private static final System.Logger LOG = System.getLogger(ExecutionImpl.class.getName());

    final Engine engine;
    private final String name;
    private final String arn;
    private final JsonNode input;
    private final Instant startDate;
    private final EvalContext.ExecutionInfo info;
    private final Scope root = new Scope();
    private final CountDownLatch notified = new CountDownLatch(1);

    private final Object lock = new Object();
    private ExecutionStatus status = ExecutionStatus.RUNNING;
    private JsonNode output;
    private String error;
    private String cause;
    private Instant stopDate;
    private final List<HistoryEvent> events = new ArrayList<>();
    private int counted;

    ExecutionImpl(Engine engine, String name, JsonNode input) {
        this.engine = engine;
        this.name = name;
        StateMachine sm = engine.stateMachine;
        this.arn = "arn:aws:states:local:000000000000:execution:" + sm.name() + ":" + name;
        this.input = input;
        this.startDate = engine.clock.instant();
        this.info = new EvalContext.ExecutionInfo(arn, name, startDate, input, sm.stateMachineArn(), sm.name(),
                engine.options.random());
    }

    void begin() {
        ObjectNode details = AslJson.object();
        details.set("input", input);
        details.put("roleArn", "arn:aws:iam::000000000000:role/local-step-functions");
        record(HistoryEventType.ExecutionStarted, null, details);
        Long timeout = engine.stateMachine.timeout();
        if (timeout != null) {
            root.schedule(engine.scheduler, DelayScheduler.Kind.EXECUTION_TIMEOUT, timeout * 1_000_000_000L,
                    () -> finish(ExecutionStatus.TIMED_OUT, null, StatesError.TIMEOUT,
                            "The execution ran longer than its TimeoutSeconds (" + timeout + " s)"));
        }
        Flow flow = new Flow(this, engine.stateMachine.root(), root, new Flow.Completion() {
            @Override
            public void succeeded(JsonNode out) {
                finish(ExecutionStatus.SUCCEEDED, out, null, null);
            }

            @Override
            public void failed(StatesError e) {
                finish(ExecutionStatus.FAILED, null, e.error(), e.cause());
            }
        });
        flow.start(input);
    }

    EvalContext.ExecutionInfo info() {
        return info;
    }

    Instant now() {
        return engine.clock.instant();
    }

    /** Runs work on the worker pool unless the scope has been cancelled by then. */
    void submit(Scope scope, Runnable task) {
        engine.execute(() -> {
            if (scope.isCancelled()) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException | Error t) {
                LOG.log(System.Logger.Level.ERROR, "internal error in execution " + arn, t);
                finish(ExecutionStatus.FAILED, null, StatesError.RUNTIME,
                        "Internal error in the local ASL executor: " + t);
            }
        });
    }

    /** Appends an event; the execution fails once the AWS history limit is passed. */
    void record(HistoryEventType type, String stateName, ObjectNode details) {
        boolean overLimit;
        synchronized (lock) {
            if (status.isFinal()) {
                return; // nothing is recorded after the end, as on AWS
            }
            events.add(new HistoryEvent(events.size() + 1, now(), type, stateName, details));
            if (type.countsTowardLimit()) {
                counted++;
            }
            overLimit = counted > Executor.HISTORY_EVENT_LIMIT;
        }
        if (overLimit) {
            finish(ExecutionStatus.FAILED, null, StatesError.RUNTIME, "The execution reached the maximum number of"
                    + " history events (" + Executor.HISTORY_EVENT_LIMIT + ")");
        }
    }

    /** Moves to a final status once; cancels whatever still runs; notifies listeners. */
    boolean finish(ExecutionStatus finalStatus, JsonNode out, String err, String why) {
        ExecutionStatusEvent event;
        synchronized (lock) {
            if (status.isFinal()) {
                return false;
            }
            ObjectNode details = AslJson.object();
            HistoryEventType type;
            switch (finalStatus) {
                case SUCCEEDED:
                    type = HistoryEventType.ExecutionSucceeded;
                    details.set("output", out);
                    break;
                case FAILED:
                    type = HistoryEventType.ExecutionFailed;
                    break;
                case TIMED_OUT:
                    type = HistoryEventType.ExecutionTimedOut;
                    break;
                case ABORTED:
                    type = HistoryEventType.ExecutionAborted;
                    break;
                default:
                    throw new IllegalArgumentException("not a final status: " + finalStatus);
            }
            if (finalStatus != ExecutionStatus.SUCCEEDED) {
                details.put("error", err);
                details.put("cause", why);
            }
            status = finalStatus;
            output = out;
            error = err;
            cause = why;
            stopDate = now();
            events.add(new HistoryEvent(events.size() + 1, stopDate, type, null, details));
            counted++;
            event = new ExecutionStatusEvent(arn, name, finalStatus, input.deepCopy(),
                    out == null ? null : out.deepCopy(), err, why, startDate, stopDate);
        }
        root.cancel();
        engine.notifyFinished(event, notified::countDown);
        return true;
    }

    boolean isRunning() {
        synchronized (lock) {
            return status == ExecutionStatus.RUNNING;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String executionArn() {
        return arn;
    }

    @Override
    public ExecutionStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    @Override
    public JsonNode input() {
        return input.deepCopy();
    }

    @Override
    public Optional<JsonNode> output() {
        synchronized (lock) {
            return Optional.ofNullable(output).map(JsonNode::deepCopy);
        }
    }

    @Override
    public Optional<String> error() {
        synchronized (lock) {
            return Optional.ofNullable(error);
        }
    }

    @Override
    public Optional<String> cause() {
        synchronized (lock) {
            return Optional.ofNullable(cause);
        }
    }

    @Override
    public Instant startDate() {
        return startDate;
    }

    @Override
    public Optional<Instant> stopDate() {
        synchronized (lock) {
            return Optional.ofNullable(stopDate);
        }
    }

    @Override
    public void stop(String stopError, String stopCause) {
        finish(ExecutionStatus.ABORTED, null, stopError, stopCause);
    }

    @Override
    public ExecutionStatus await(Duration timeout) throws InterruptedException {
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException huge) {
            nanos = Long.MAX_VALUE;
        }
        notified.await(nanos, TimeUnit.NANOSECONDS);
        return status();
    }

    @Override
    public List<HistoryEvent> history() {
        List<HistoryEvent> copy;
        synchronized (lock) {
            copy = new ArrayList<>(events);
        }
        List<HistoryEvent> out = new ArrayList<>(copy.size());
        for (HistoryEvent e : copy) {
            out.add(new HistoryEvent(e.id(), e.timestamp(), e.type(), e.stateName(), e.details().deepCopy()));
        }
        return out;
    }

    @Override
    public int historySize() {
        synchronized (lock) {
            return counted;
        }
    }

    @Override
    public String toString() {
        return "Execution[" + arn + ", " + status() + "]";
    }
}
