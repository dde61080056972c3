package dev.gleaner.local;

import dev.gleaner.api.ApiContext;
import dev.gleaner.api.ApiDispatcher;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tables.TableDefinitions;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.core.config.Env;
import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.Collectors;
import dev.gleaner.core.task.CollectionService;
import dev.gleaner.core.task.Platform;
import dev.gleaner.embedded.EmbeddedDynamo;
import dev.gleaner.local.http.ApiHttpServer;
import dev.gleaner.local.workflow.LocalWorkflow;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.callback.CallbackSecret;
import dev.gleaner.workflow.callback.CallbackSender;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

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
    private final DynamoSemaphore slots;
    private final LocalWorkflow workflow;
    private final int recovered;

    private LocalRunner(EmbeddedDynamo dynamo, ApiHttpServer http, DynamoTaskStore tasks, DynamoSemaphore slots,
            LocalWorkflow workflow, int recovered) {
        this.dynamo = dynamo;
        this.http = http;
        this.tasks = tasks;
        this.slots = slots;
        this.workflow = workflow;
        this.recovered = recovered;
    }

    /** What tests may replace: the sources (fixture servers) and where callbacks go. */
    public record Overrides(Function<Platform, Collector> collectors, CallbackSender callbacks) {
        public static Overrides none() {
            return new Overrides(null, null);
        }
    }

    public static LocalRunner start(LocalOptions options) throws IOException {
        return start(options, Overrides.none());
    }

    public static LocalRunner start(LocalOptions options, Overrides overrides) throws IOException {
        EmbeddedDynamo dynamo = EmbeddedDynamo.start(options.dataDir());
        LocalWorkflow workflow = null;
        try {
            Env.override(Map.of(Env.TASKS_TABLE, TASKS_TABLE, Env.SEMAPHORE_TABLE, SEMAPHORE_TABLE,
                    Env.RECORDS_TABLE, RECORDS_TABLE, Env.SCRAPE_TABLE, SCRAPE_TABLE));
            TableDefinitions.ensureAll(dynamo.client(), TASKS_TABLE, SEMAPHORE_TABLE, RECORDS_TABLE, SCRAPE_TABLE);
            Clock clock = Clock.systemUTC();
            DynamoTaskStore tasks = new DynamoTaskStore(dynamo.client(), TASKS_TABLE, clock);
            DynamoSemaphore slots = new DynamoSemaphore(dynamo.client(), SEMAPHORE_TABLE,
                    Integer.parseInt(Env.getOrDefault(Env.MAX_RUNNING, "10")), clock);
            WorkflowContext workflowContext = new WorkflowContext(tasks, slots,
                    new DynamoRecordStore(dynamo.client(), RECORDS_TABLE),
                    overrides.collectors() != null ? overrides.collectors() : Collectors::forPlatform,
                    overrides.callbacks() != null ? overrides.callbacks()
                            : new CallbackSender(SafeHttpClient.shared(), CallbackSecret.fromEnvironment()),
                    clock);
            workflow = new LocalWorkflow(workflowContext);
            int recovered = options.dataDir() == null ? 0 : workflow.failUnfinishedFromPreviousRun();
            ApiContext context = new ApiContext(new CollectionService(tasks, workflow, slots, clock),
                    workflowContext.records(), clock);
            ApiHttpServer http = new ApiHttpServer(options.host(), options.port(), ApiDispatcher.forContext(context));
            http.start();
            return new LocalRunner(dynamo, http, tasks, slots, workflow, recovered);
        } catch (IOException | RuntimeException e) {
            if (workflow != null) {
                workflow.close();
            }
            dynamo.close();
            throw e;
        }
    }

    public DynamoSemaphore slots() {
        return slots;
    }

    public LocalWorkflow workflow() {
        return workflow;
    }

    /** Tasks a previous run left unfinished, marked failed at start-up (only with --data). */
    public int recoveredTasks() {
        return recovered;
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
        workflow.close();
        dynamo.close();
    }
}
