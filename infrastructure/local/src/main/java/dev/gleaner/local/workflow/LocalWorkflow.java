package dev.gleaner.local.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.asl.Execution;
import dev.gleaner.asl.ExecutionStatus;
import dev.gleaner.asl.ExecutionStatusEvent;
import dev.gleaner.asl.Executor;
import dev.gleaner.asl.ExecutorOptions;
import dev.gleaner.asl.StateMachine;
import dev.gleaner.asl.TaskInvoker;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.task.TaskRegistry;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import dev.gleaner.core.task.Transition;
import dev.gleaner.core.workflow.WorkflowLauncher;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.WorkflowFunctions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Step Functions on one machine: the deployed definition file, run by the in-process ASL
 * executor against the same handler classes. Each task is an execution named after the task id,
 * as on AWS; when an execution ends, the status-change event goes to the cleanup handler, as the
 * EventBridge rule does on AWS.
 */
public final class LocalWorkflow implements WorkflowLauncher, AutoCloseable {
    public static final String DEFINITION_RESOURCE = "/statemachine/collection.asl.json";

    private final Executor executor;
    private final LocalLambdas lambdas;
    private final WorkflowContext ctx;
    private final Predicate<ExecutionStatusEvent> deliver;
    private volatile boolean closing;

    public LocalWorkflow(WorkflowContext ctx) {
        this(ctx, defaultOptions());
    }

    public LocalWorkflow(WorkflowContext ctx, ExecutorOptions options) {
        this(ctx, options, UnaryOperator.identity(), e -> true);
    }

    /**
     * @param invoker wraps the Lambda invocations (fault injection: make invokes fail as Lambda can)
     * @param deliver which status-change events reach the cleanup function (fault injection: drop some,
     *     as EventBridge does after its retries)
     */
    public LocalWorkflow(WorkflowContext ctx, ExecutorOptions options, UnaryOperator<TaskInvoker> invoker,
            Predicate<ExecutionStatusEvent> deliver) {
        this.ctx = ctx;
        this.lambdas = new LocalLambdas(ctx);
        this.deliver = deliver;
        StateMachine definition = StateMachine.parse(definitionText(), LocalLambdas.substitutions())
                .named("gleaner-collection");
        this.executor = new Executor(definition, invoker.apply(lambdas), options);
        executor.addListener(this::cleanUp);
    }

    /** Waits and politeness delays scale with GLEANER_DELAY_FACTOR; a retry never spins faster than 50 ms. */
    public static ExecutorOptions defaultOptions() {
        double factor = Env.delayFactor();
        return new ExecutorOptions(factor, factor, Duration.ofMillis(50), new Random(), 64);
    }

    public static String definitionText() {
        try (InputStream in = LocalWorkflow.class.getResourceAsStream(DEFINITION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the state machine definition is not on the classpath: " + DEFINITION_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the state machine definition", e);
        }
    }

    public Executor executor() {
        return executor;
    }

    public LocalLambdas lambdas() {
        return lambdas;
    }

    @Override
    public void start(String taskId, String execution) {
        try {
            executor.start(execution, Json.object().put("task_id", taskId));
        } catch (IllegalStateException alreadyRunning) {
            // Same name: the start was retried; the first execution is the one.
        }
    }

    @Override
    public void stop(String execution, String reason) {
        executor.find(execution).filter(e -> e.status() == ExecutionStatus.RUNNING)
                .ifPresent(e -> e.stop("Cancelled", reason));
    }

    @Override
    public ExecutionState state(String execution) {
        return executor.find(execution).map(e -> ExecutionState.valueOf(e.status().name())).orElse(ExecutionState.MISSING);
    }

    /** What AWS's EventBridge rule delivers to the cleanup function. */
    private void cleanUp(ExecutionStatusEvent event) {
        if (closing || !deliver.test(event)) {
            // Shutting down is not the end of the runs: with --data they continue after a restart.
            return;
        }
        ObjectNode detail = Json.object();
        detail.put("executionArn", event.executionArn());
        detail.put("stateMachineArn", executor.stateMachine().stateMachineArn());
        detail.put("name", event.name());
        detail.put("status", event.status().name());
        detail.put("input", event.input() == null ? null : Json.write(event.input()));
        detail.put("error", event.error());
        detail.put("cause", event.cause());
        ObjectNode envelope = Json.object();
        envelope.put("version", "0");
        envelope.put("detail-type", "Step Functions Execution Status Change");
        envelope.put("source", "aws.states");
        envelope.put("account", "000000000000");
        envelope.put("region", "local");
        envelope.putArray("resources").add(event.executionArn());
        envelope.set("detail", detail);
        try {
            lambdas.handle(WorkflowFunctions.EXECUTION_CLEANUP, envelope);
        } catch (RuntimeException e) {
            StructuredLog.error("execution cleanup failed", event.name(), e);
        }
    }

    /**
     * After a restart on kept data, nothing of the previous process runs any more: its slots and
     * queue tickets are given back, and every collection it left running or pending is taken up
     * again as the same task under a new execution ({@code <id>.r<N>}), running ones first (they
     * had slots), then pending ones, oldest first. Each continues from its saved cursors: only the
     * pages of the call in flight are fetched again, and they count once (the record store's first_seen).
     *
     * @param tasks the task store, which re-queues them (as the API's resume does)
     * @return how many collections were taken up again
     */
    public int resumeUnfinishedFromPreviousRun(TaskRegistry tasks) {
        ctx.slots().holders().keySet().forEach(task -> ctx.slots().releaseSlot(task, null));
        ctx.slots().tickets().forEach(t -> ctx.slots().leaveQueue(t.taskId()));
        // Both lists are read before anything changes: a task re-queued from running is pending, and
        // must not be found (and started) a second time by the pending pass.
        List<CollectionTask> left = new ArrayList<>();
        for (TaskStatus status : List.of(TaskStatus.RUNNING, TaskStatus.PENDING)) {
            List<CollectionTask> ofStatus = tasks.listAll(status);
            ofStatus.sort(Comparator.comparing((CollectionTask t) -> t.startedAt() != null ? t.startedAt() : t.createdAt()));
            left.addAll(ofStatus);
        }
        int resumed = 0;
        Set<String> seen = new HashSet<>();
        for (CollectionTask t : left) {
            if (!seen.add(t.id())) {
                continue;
            }
            Optional<CollectionTask> again = tasks.requeue(t, Transition.REQUEUE, Secrets.NONE, "대기 중...",
                    Timestamps.logLine(ctx.clock().instant(), "로컬 실행기 재시작: 저장된 위치부터 이어서 수집"),
                    ctx.clock().instant());
            if (again.isPresent()) {
                start(t.id(), again.get().execution());
                resumed++;
            }
        }
        return resumed;
    }

    @Override
    public void close() {
        closing = true;
        executor.close();
    }

}
