package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Runs executions of one {@link StateMachine} in-process, calling a {@link TaskInvoker} for every
 * Task state. Executions, Map iterations, Parallel branches and invocations share a pool of
 * {@link ExecutorOptions#maxThreads()} worker threads; waits and retry intervals hold no thread.
 * Thread-safe.
 */
public final class Executor implements AutoCloseable {
    /** Step Functions fails a standard execution whose history exceeds this many events. */
    public static final int HISTORY_EVENT_LIMIT = 25_000;

    private final Engine engine;
    private final ConcurrentMap<String, ExecutionImpl> executions = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private boolean closed;

    public Executor(StateMachine stateMachine, TaskInvoker invoker, ExecutorOptions options) {
        this(stateMachine, invoker, options, Clock.systemUTC(), DelayScheduler.system());
    }

    /** For tests: an explicit clock and a scheduler that can observe or skip delays. */
    Executor(StateMachine stateMachine, TaskInvoker invoker, ExecutorOptions options, Clock clock,
            DelayScheduler scheduler) {
        this.engine = new Engine(Objects.requireNonNull(stateMachine, "stateMachine"),
                Objects.requireNonNull(invoker, "invoker"), Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(scheduler, "scheduler"));
    }

    public StateMachine stateMachine() {
        return engine.stateMachine;
    }

    /**
     * Starts an execution, which then runs on the executor's threads.
     *
     * @param executionName unique among this executor's executions (running or finished), as on AWS;
     *     null picks a random UUID
     * @param input the execution input; null means {@code {}}
     * @throws IllegalStateException if the name is taken (AWS: ExecutionAlreadyExists) or the executor is closed
     * @throws IllegalArgumentException if the name breaks the Step Functions naming rules
     */
    public Execution start(String executionName, JsonNode input) {
        String name = executionName == null ? UUID.randomUUID().toString() : executionName;
        checkName(name);
        JsonNode in = input == null ? AslJson.object() : input.deepCopy();
        ExecutionImpl execution;
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the executor is closed");
            }
            execution = new ExecutionImpl(engine, name, in);
            ExecutionImpl existing = executions.putIfAbsent(name, execution);
            if (existing != null) {
                throw new IllegalStateException("ExecutionAlreadyExists: an execution named '" + name
                        + "' already exists (" + existing.status() + ")");
            }
        }
        execution.begin();
        return execution;
    }

    public Optional<Execution> find(String executionName) {
        return Optional.ofNullable(executions.get(executionName));
    }

    /** Every execution started by this executor, running or finished. */
    public List<Execution> executions() {
        return new ArrayList<>(executions.values());
    }

    /**
     * Called once per execution when it reaches a final status, on a dedicated thread, in order;
     * {@link Execution#await} returns only after the listeners have run. A listener's exception is
     * logged and ignored.
     */
    public void addListener(Consumer<ExecutionStatusEvent> listener) {
        engine.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Aborts the running executions (error "Executor.Closed"), notifies listeners, stops all threads. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (ExecutionImpl e : executions.values()) {
            e.finish(ExecutionStatus.ABORTED, null, "Executor.Closed", "The executor was closed");
        }
        engine.shutdown();
    }

    /** Step Functions' execution name rules: 1-80 characters, none of the reserved ones. */
    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > 80) {
            throw new IllegalArgumentException("an execution name must have 1 to 80 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || c <= 0x1f || (c >= 0x7f && c <= 0x9f) || "<>{}[]?*\"#%\\^|~`$&,;:/".indexOf(c) >= 0) {
                throw new IllegalArgumentException("an execution name must not contain whitespace, control"
                        + " characters or any of <>{}[]?*\"#%\\^|~`$&,;:/ (got '" + name + "')");
            }
        }
    }
}
