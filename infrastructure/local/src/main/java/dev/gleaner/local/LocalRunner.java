package dev.gleaner.local;

import dev.gleaner.api.ApiContext;
import dev.gleaner.api.ApiDispatcher;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tables.TableDefinitions;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.task.CollectionService;
import dev.gleaner.core.workflow.WorkflowLauncher;
import dev.gleaner.embedded.EmbeddedDynamo;
import dev.gleaner.local.http.ApiHttpServer;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * The whole API on one machine: DynamoDB Local in-process, the same handler classes behind a
 * local HTTP server that speaks API Gateway's proxy events.
 */
public final class LocalRunner implements AutoCloseable {
    public static final String TASKS_TABLE = "gleaner-tasks";
    public static final String SEMAPHORE_TABLE = "gleaner-semaphore";
    public static final String RECORDS_TABLE = "gleaner-records";
    public static final String SCRAPE_TABLE = "gleaner-scrape";

    private final EmbeddedDynamo dynamo;
    private final ApiHttpServer http;
    private final DynamoTaskStore tasks;

    private LocalRunner(EmbeddedDynamo dynamo, ApiHttpServer http, DynamoTaskStore tasks) {
        this.dynamo = dynamo;
        this.http = http;
        this.tasks = tasks;
    }

    public static LocalRunner start(LocalOptions options) throws IOException {
        EmbeddedDynamo dynamo = EmbeddedDynamo.start(options.dataDir());
        try {
            Env.override(Map.of(Env.TASKS_TABLE, TASKS_TABLE, Env.SEMAPHORE_TABLE, SEMAPHORE_TABLE,
                    Env.RECORDS_TABLE, RECORDS_TABLE, Env.SCRAPE_TABLE, SCRAPE_TABLE));
            TableDefinitions.ensureAll(dynamo.client(), TASKS_TABLE, SEMAPHORE_TABLE, RECORDS_TABLE, SCRAPE_TABLE);
            Clock clock = Clock.systemUTC();
            DynamoTaskStore tasks = new DynamoTaskStore(dynamo.client(), TASKS_TABLE, clock);
            DynamoSemaphore slots = new DynamoSemaphore(dynamo.client(), SEMAPHORE_TABLE,
                    Integer.parseInt(Env.getOrDefault(Env.MAX_RUNNING, "10")), clock);
            WorkflowLauncher launcher = new PendingOnlyLauncher();
            ApiContext context = new ApiContext(new CollectionService(tasks, launcher, slots, clock), clock);
            ApiHttpServer http = new ApiHttpServer(options.host(), options.port(), ApiDispatcher.forContext(context));
            http.start();
            return new LocalRunner(dynamo, http, tasks);
        } catch (IOException | RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public EmbeddedDynamo dynamo() {
        return dynamo;
    }

    public DynamoTaskStore tasks() {
        return tasks;
    }

    @Override
    public void close() {
        http.close();
        dynamo.close();
    }

    /** Until the workflow runner is wired, tasks are accepted and stay pending: nothing pretends to run them. */
    static final class PendingOnlyLauncher implements WorkflowLauncher {
        @Override
        public void start(String taskId) {
            StructuredLog.info("task accepted; no workflow runner is wired yet, so it stays pending", taskId, Map.of());
        }

        @Override
        public void stop(String taskId, String reason) {
            // Nothing runs, so nothing to stop.
        }
    }
}
