package dev.gleaner.local;

import dev.gleaner.api.ApiContext;
import dev.gleaner.api.ApiDispatcher;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tables.TableDefinitions;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.core.config.Env;
import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.scrape.DynamoScrapeStore;
import dev.gleaner.aws.scrape.SqsScrapeQueue;
import dev.gleaner.core.scrape.ScrapeService;
import dev.gleaner.core.scrape.Translator;
import dev.gleaner.local.queue.LocalScrapeQueues;
import dev.gleaner.scraper.worker.ScrapeDeadLetterHandler;
import dev.gleaner.scraper.worker.ScrapeWorker;
import dev.gleaner.scraper.worker.ScrapeWorkerHandler;
import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.Collectors;
import dev.gleaner.core.task.CollectionService;
import dev.gleaner.core.task.Platform;
import dev.gleaner.embedded.EmbeddedDynamo;
import dev.gleaner.local.demo.DemoSources;
import dev.gleaner.local.http.ApiHttpServer;
import dev.gleaner.local.http.RequestGuard;
import dev.gleaner.local.workflow.LocalWorkflow;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.callback.CallbackSecret;
import dev.gleaner.workflow.callback.CallbackSender;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
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
    /** The local scrape queue's visibility timeout in seconds (how soon a failed message comes back). */
    public static final String VISIBILITY_ENV = "GLEANER_LOCAL_VISIBILITY_SECONDS";

    private final EmbeddedDynamo dynamo;
    private final ApiHttpServer http;
    private final DynamoTaskStore tasks;
    private final DynamoSemaphore slots;
    private final LocalWorkflow workflow;
    private final LocalScrapeQueues queues;
    private final int recovered;
    private final DemoSources demo;

    private LocalRunner(EmbeddedDynamo dynamo, ApiHttpServer http, DynamoTaskStore tasks, DynamoSemaphore slots,
            LocalWorkflow workflow, LocalScrapeQueues queues, int recovered, DemoSources demo) {
        this.demo = demo;
        this.queues = queues;
        this.dynamo = dynamo;
        this.http = http;
        this.tasks = tasks;
        this.slots = slots;
        this.workflow = workflow;
        this.recovered = recovered;
    }

    /**
     * What tests may replace: the sources (fixture servers), where callbacks go, the client that
     * fetches product pages, and the scrape queue's visibility timeout. Null keeps the default.
     */
    public record Overrides(Function<Platform, Collector> collectors, CallbackSender callbacks, SafeHttpClient pageFetcher,
            Integer visibilityTimeoutSeconds) {
        public Overrides(Function<Platform, Collector> collectors, CallbackSender callbacks) {
            this(collectors, callbacks, null, null);
        }

        public static Overrides none() {
            return new Overrides(null, null, null, null);
        }
    }

    public static LocalRunner start(LocalOptions options) throws IOException {
        return start(options, Overrides.none());
    }

    /** Politeness delays towards the demo sources (on loopback) unless GLEANER_DELAY_FACTOR says otherwise. */
    public static final String DEMO_DELAY_FACTOR = "0.05";

    /**
     * The production collectors aimed at the demo sources, set here rather than read from the
     * environment at each call, so that another runner in the same JVM cannot redirect them.
     */
    private static Function<Platform, Collector> demoCollectors(DemoSources demo) {
        CollectorOptions options = CollectorOptions.fromEnv().withEndpoints(demo.endpoints())
                .withDelayFactor(System.getenv(Env.DELAY_FACTOR) == null ? Double.parseDouble(DEMO_DELAY_FACTOR) : Env.delayFactor());
        return platform -> Collectors.forPlatform(platform, options);
    }

    public static LocalRunner start(LocalOptions options, Overrides overrides) throws IOException {
        EmbeddedDynamo dynamo = EmbeddedDynamo.start(options.dataDir());
        LocalWorkflow workflow = null;
        LocalScrapeQueues queues = null;
        DemoSources demo = null;
        try {
            Map<String, String> env = new HashMap<>(Map.of(Env.TASKS_TABLE, TASKS_TABLE, Env.SEMAPHORE_TABLE, SEMAPHORE_TABLE,
                    Env.RECORDS_TABLE, RECORDS_TABLE, Env.SCRAPE_TABLE, SCRAPE_TABLE));
            if (options.demo()) {
                demo = DemoSources.start();
                env.putAll(demo.environment());
                if (System.getenv(Env.DELAY_FACTOR) == null) {
                    env.put(Env.DELAY_FACTOR, DEMO_DELAY_FACTOR);
                }
            }
            Env.override(env);
            TableDefinitions.ensureAll(dynamo.client(), TASKS_TABLE, SEMAPHORE_TABLE, RECORDS_TABLE, SCRAPE_TABLE);
            Clock clock = Clock.systemUTC();
            DynamoTaskStore tasks = new DynamoTaskStore(dynamo.client(), TASKS_TABLE, clock);
            DynamoSemaphore slots = new DynamoSemaphore(dynamo.client(), SEMAPHORE_TABLE,
                    Env.maxRunning(), clock);
            WorkflowContext workflowContext = new WorkflowContext(tasks, slots,
                    new DynamoRecordStore(dynamo.client(), RECORDS_TABLE),
                    overrides.collectors() != null ? overrides.collectors()
                            : demo != null ? demoCollectors(demo) : Collectors::forPlatform,
                    overrides.callbacks() != null ? overrides.callbacks()
                            : new CallbackSender(SafeHttpClient.shared(), CallbackSecret.fromEnvironment()),
                    clock);
            workflow = new LocalWorkflow(workflowContext);
            int recovered = options.dataDir() == null ? 0 : workflow.failUnfinishedFromPreviousRun();
            // Scrapes: an SQS-compatible queue with a dead-letter queue, polled like Lambda's event source.
            int maxReceives = ScrapeWorkerHandler.maxReceives();
            queues = new LocalScrapeQueues(overrides.visibilityTimeoutSeconds() != null ? overrides.visibilityTimeoutSeconds()
                    : Integer.parseInt(Env.getOrDefault(VISIBILITY_ENV, "30")), maxReceives);
            DynamoScrapeStore scrapeStore = new DynamoScrapeStore(dynamo.client(), SCRAPE_TABLE, clock);
            ScrapeWorker worker = new ScrapeWorker(scrapeStore,
                    overrides.pageFetcher() != null ? overrides.pageFetcher() : SafeHttpClient.shared(),
                    Translator.NONE, clock, maxReceives);
            queues.start(new ScrapeWorkerHandler(worker), new ScrapeDeadLetterHandler(worker));
            ScrapeService scrapes = new ScrapeService(scrapeStore, new SqsScrapeQueue(queues.client(), queues.queueUrl()), clock);

            ApiContext context = new ApiContext(new CollectionService(tasks, workflow, slots, clock),
                    workflowContext.records(), scrapes, clock);
            ApiHttpServer http = new ApiHttpServer(options.host(), options.port(), ApiDispatcher.forContext(context),
                    RequestGuard.of(options.host(), options.allowedHosts(), options.corsOrigins(), options.apiKey()));
            http.start();
            return new LocalRunner(dynamo, http, tasks, slots, workflow, queues, recovered, demo);
        } catch (IOException | RuntimeException e) {
            if (demo != null) {
                demo.close();
            }
            if (queues != null) {
                queues.close();
            }
            if (workflow != null) {
                workflow.close();
            }
            dynamo.close();
            throw e;
        }
    }

    /** The built-in sample sources ({@code --demo}), or null. */
    public DemoSources demo() {
        return demo;
    }

    public LocalScrapeQueues queues() {
        return queues;
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
        queues.close();
        workflow.close();
        dynamo.close();
        if (demo != null) {
            demo.close();
        }
    }
}
