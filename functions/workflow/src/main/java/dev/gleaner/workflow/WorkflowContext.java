package dev.gleaner.workflow;

import dev.gleaner.aws.clients.AwsClients;
import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.Collectors;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.config.Lazy;
import dev.gleaner.core.record.RecordStore;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.TaskProgress;
import dev.gleaner.core.workflow.CollectionSlots;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.callback.CallbackSender;
import dev.gleaner.workflow.callback.CallbackSecret;
import java.time.Clock;
import java.util.function.Function;

/**
 * What the state machine's task functions need, built once per container: on AWS from the
 * environment, locally and in tests around embedded stores and fixture sources.
 */
public record WorkflowContext(
        TaskProgress tasks,
        CollectionSlots slots,
        RecordStore records,
        Function<Platform, Collector> collectors,
        CallbackSender callbacks,
        Clock clock) {

    /** Built on first use, once per container. */
    private static final Lazy<WorkflowContext> FROM_ENV = Lazy.of(WorkflowContext::build);

    public static WorkflowContext fromEnvironment() {
        return FROM_ENV.get();
    }

    private static WorkflowContext build() {
        Clock clock = Clock.systemUTC();
        // Read from the environment once per container, on first use (only the steps that collect
        // need it), not at every CollectBatch call.
        Lazy<CollectorOptions> options = Lazy.of(CollectorOptions::fromEnv);
        return new WorkflowContext(
                new DynamoTaskStore(AwsClients.dynamo(), Env.require(Env.TASKS_TABLE), clock),
                new DynamoSemaphore(AwsClients.dynamo(), Env.require(Env.SEMAPHORE_TABLE), Env.maxRunning(), clock),
                new DynamoRecordStore(AwsClients.dynamo(), Env.require(Env.RECORDS_TABLE)),
                platform -> Collectors.forPlatform(platform, options.get()),
                new CallbackSender(SafeHttpClient.shared(), CallbackSecret.fromEnvironment()),
                clock);
    }
}
