package dev.gleaner.api;

import dev.gleaner.aws.clients.AwsClients;
import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.aws.workflow.StepFunctionsLauncher;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.record.RecordStore;
import dev.gleaner.core.task.CollectionService;
import java.time.Clock;

/**
 * What the API handlers need, built once per container. On AWS it is built from the environment
 * ({@link #fromEnvironment()}); the local runner and the tests build it around their own stores.
 */
public final class ApiContext {
    private static volatile ApiContext fromEnv;

    private final CollectionService collections;
    private final RecordStore records;
    private final Clock clock;

    public ApiContext(CollectionService collections, RecordStore records, Clock clock) {
        this.collections = collections;
        this.records = records;
        this.clock = clock;
    }

    public CollectionService collections() {
        return collections;
    }

    public RecordStore records() {
        return records;
    }

    public Clock clock() {
        return clock;
    }

    public static ApiContext fromEnvironment() {
        ApiContext c = fromEnv;
        if (c == null) {
            synchronized (ApiContext.class) {
                c = fromEnv;
                if (c == null) {
                    Clock clock = Clock.systemUTC();
                    DynamoTaskStore tasks = new DynamoTaskStore(AwsClients.dynamo(), Env.require(Env.TASKS_TABLE), clock);
                    DynamoSemaphore slots = new DynamoSemaphore(AwsClients.dynamo(), Env.require(Env.SEMAPHORE_TABLE),
                            Integer.parseInt(Env.getOrDefault(Env.MAX_RUNNING, "10")), clock);
                    StepFunctionsLauncher launcher = new StepFunctionsLauncher(AwsClients.stepFunctions(),
                            Env.require(Env.STATE_MACHINE_ARN));
                    c = new ApiContext(new CollectionService(tasks, launcher, slots, clock),
                            new DynamoRecordStore(AwsClients.dynamo(), Env.require(Env.RECORDS_TABLE)), clock);
                    fromEnv = c;
                }
            }
        }
        return c;
    }
}
