package dev.gleaner.api;

import dev.gleaner.aws.clients.AwsClients;
import dev.gleaner.aws.idempotency.DynamoIdempotencyStore;
import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.scrape.DynamoScrapeStore;
import dev.gleaner.aws.scrape.SqsScrapeQueue;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.aws.workflow.StepFunctionsLauncher;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.config.Lazy;
import dev.gleaner.core.record.RecordStore;
import dev.gleaner.core.scrape.ScrapeService;
import dev.gleaner.core.task.CollectionService;
import dev.gleaner.core.time.Sleeper;
import dev.gleaner.core.workflow.WorkflowLauncher;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the API handlers need, built once per container. On AWS it is built from the environment
 * ({@link #fromEnvironment()}), each service on first use, so a function reads only the
 * variables (and touches only the resources) of the services it calls. The local runner and the
 * tests build it around their own stores.
 */
public final class ApiContext {
    /** Built on first use, once per container. */
    private static final Lazy<ApiContext> FROM_ENV = Lazy.of(ApiContext::build);

    private final Supplier<CollectionService> collections;
    private final Supplier<RecordStore> records;
    private final Supplier<ScrapeService> scrapes;
    private final Clock clock;
    private final Sleeper sleeper;
    private final boolean fromEnvironment;

    public ApiContext(CollectionService collections, RecordStore records, ScrapeService scrapes, Clock clock) {
        this(() -> collections, () -> records, () -> scrapes, clock, Sleeper.SYSTEM, false);
    }

    private ApiContext(Supplier<CollectionService> collections, Supplier<RecordStore> records,
            Supplier<ScrapeService> scrapes, Clock clock, Sleeper sleeper, boolean fromEnvironment) {
        this.collections = collections;
        this.records = records;
        this.scrapes = scrapes;
        this.clock = clock;
        this.sleeper = sleeper;
        this.fromEnvironment = fromEnvironment;
    }

    /** The same context with another way of pausing between the reads of a {@code Prefer: wait} (tests). */
    public ApiContext withSleeper(Sleeper sleeper) {
        return new ApiContext(collections, records, scrapes, clock, sleeper, fromEnvironment);
    }

    /** True for {@link #fromEnvironment()}: a Lambda function's context (its handlers register SnapStart priming). */
    public boolean builtFromEnvironment() {
        return fromEnvironment;
    }

    public CollectionService collections() {
        return collections.get();
    }

    public RecordStore records() {
        return records.get();
    }

    public ScrapeService scrapes() {
        return scrapes.get();
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /** Built on first start or stop: reading tasks needs no state machine. */
    private static WorkflowLauncher launcher() {
        Lazy<StepFunctionsLauncher> sfn = Lazy.of(() -> new StepFunctionsLauncher(AwsClients.stepFunctions(),
                Env.require(Env.STATE_MACHINE_ARN)));
        return new WorkflowLauncher() {
            @Override
            public void start(String taskId, String execution) {
                sfn.get().start(taskId, execution);
            }

            @Override
            public void stop(String execution, String reason) {
                sfn.get().stop(execution, reason);
            }

            @Override
            public ExecutionState state(String execution) {
                return sfn.get().state(execution);
            }
        };
    }

    public static ApiContext fromEnvironment() {
        return FROM_ENV.get();
    }

    private static ApiContext build() {
        Clock clock = Clock.systemUTC();
        Lazy<DynamoSemaphore> slots = Lazy.of(() -> new DynamoSemaphore(AwsClients.dynamo(),
                Env.require(Env.SEMAPHORE_TABLE), Env.maxRunning(), clock));
        return new ApiContext(
                Lazy.of(() -> {
                    String tasks = Env.require(Env.TASKS_TABLE);
                    return new CollectionService(new DynamoTaskStore(AwsClients.dynamo(), tasks, clock),
                            new DynamoIdempotencyStore(AwsClients.dynamo(), tasks, "id", clock),
                            launcher(),
                            // Only cancel releases slots: the semaphore is built on first use too.
                            taskId -> slots.get().release(taskId), clock);
                }),
                Lazy.of(() -> new DynamoRecordStore(AwsClients.dynamo(), Env.require(Env.RECORDS_TABLE))),
                Lazy.of(() -> {
                    String scrape = Env.require(Env.SCRAPE_TABLE);
                    return new ScrapeService(new DynamoScrapeStore(AwsClients.dynamo(), scrape, clock),
                            new DynamoIdempotencyStore(AwsClients.dynamo(), scrape, "pk", clock),
                            new SqsScrapeQueue(AwsClients.sqs(), Env.require(Env.SCRAPE_QUEUE_URL)), clock);
                }),
                clock, Sleeper.SYSTEM, true);
    }
}
