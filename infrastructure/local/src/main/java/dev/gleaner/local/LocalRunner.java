package dev.gleaner.local;

import dev.gleaner.api.ApiContext;
import dev.gleaner.local.http.ApiDispatcher;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tables.TableDefinitions;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.config.Lazy;
import dev.gleaner.aws.idempotency.DynamoIdempotencyStore;
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
import dev.gleaner.local.metrics.LocalObservability;
import dev.gleaner.local.http.RequestGuard;
import dev.gleaner.local.workflow.LocalWorkflow;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.WorkflowFunctions;
import dev.gleaner.workflow.callback.CallbackSender;
import dev.gleaner.asl.ExecutionStatusEvent;
import dev.gleaner.asl.TaskInvoker;
import dev.gleaner.aws.clients.AwsClients;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.workflow.CollectionSlots;
import dev.gleaner.core.workflow.WorkflowLauncher;
import dev.gleaner.workflow.reaper.Reaper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

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
    private final CollectionSlots slots;
    private final LocalWorkflow workflow;
    /** The scrape queues, started in the background (see {@link #start}). */
    private final CompletableFuture<LocalScrapeQueues> queues;
    private final Reaper reaper;
    private final ScheduledExecutorService reaperTimer;
    private final int recovered;
    private final DemoSources demo;
    private final LocalCallbackKey callbackKey;

    private LocalRunner(EmbeddedDynamo dynamo, ApiHttpServer http, DynamoTaskStore tasks, CollectionSlots slots,
            LocalWorkflow workflow, CompletableFuture<LocalScrapeQueues> queues, Reaper reaper, ScheduledExecutorService reaperTimer,
            int recovered, DemoSources demo, LocalCallbackKey callbackKey) {
        this.demo = demo;
        this.callbackKey = callbackKey;
        this.queues = queues;
        this.dynamo = dynamo;
        this.http = http;
        this.tasks = tasks;
        this.slots = slots;
        this.workflow = workflow;
        this.reaper = reaper;
        this.reaperTimer = reaperTimer;
        this.recovered = recovered;
    }

    /**
     * Failures the tests inject to prove the system heals (each null or identity for none): the
     * DynamoDB HTTP client (throttling, 5xx), Lambda invocations (the four Lambda errors), the
     * launcher the API uses (StartExecution/StopExecution failing), which execution status events
     * reach the cleanup function (lost events), and how often the reaper runs. With an interval given
     * here the first pass waits one interval instead of running at start: a test runs passes when it
     * chooses, and a start-up pass racing its set-up would free the slots it has just taken by hand.
     */
    public record Faults(UnaryOperator<SdkHttpClient> dynamoHttp, UnaryOperator<TaskInvoker> invoker,
            UnaryOperator<WorkflowLauncher> launcher, Predicate<ExecutionStatusEvent> deliverStatusEvent,
            Duration reaperInterval) {
        public static Faults none() {
            return new Faults(null, null, null, null, null);
        }
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
        return start(options, overrides, Faults.none());
    }

    public static LocalRunner start(LocalOptions options, Overrides overrides, Faults faults) throws IOException {
        EmbeddedDynamo dynamo = null;
        LocalWorkflow workflow = null;
        CompletableFuture<LocalScrapeQueues> queuesStarting = null;
        DemoSources demo = null;
        ScheduledExecutorService reaperTimer = null;
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
            // The scrape queue (ElasticMQ, about a second) starts on a thread of its own while DynamoDB
            // Local starts and the tables are made here; nothing the first request needs waits for it.
            int maxReceives = ScrapeWorkerHandler.maxReceives();
            int visibility = overrides.visibilityTimeoutSeconds() != null ? overrides.visibilityTimeoutSeconds()
                    : Integer.parseInt(Env.getOrDefault(Env.LOCAL_VISIBILITY_SECONDS, "30"));
            queuesStarting = inBackground("gleaner-start-queues", () -> new LocalScrapeQueues(visibility, maxReceives));
            dynamo = EmbeddedDynamo.start(options.dataDir());
            TableDefinitions.ensureAll(dynamo.client(), TASKS_TABLE, SEMAPHORE_TABLE, RECORDS_TABLE, SCRAPE_TABLE);
            Clock clock = Clock.systemUTC();
            LocalCallbackKey callbackKey = LocalCallbackKey.resolve(options.dataDir());
            DynamoDbClient ddb = faults.dynamoHttp() == null ? dynamo.client()
                    : dynamo.client(faults.dynamoHttp().apply(AwsClients.httpClient()));
            DynamoTaskStore tasks = new DynamoTaskStore(ddb, TASKS_TABLE, clock);
            DynamoSemaphore slots = new DynamoSemaphore(ddb, SEMAPHORE_TABLE, Env.maxRunning(), clock);
            WorkflowContext workflowContext = new WorkflowContext(tasks, slots,
                    new DynamoRecordStore(ddb, RECORDS_TABLE),
                    overrides.collectors() != null ? overrides.collectors()
                            : demo != null ? demoCollectors(demo) : Collectors::forPlatform,
                    overrides.callbacks() != null ? overrides.callbacks()
                            : new CallbackSender(SafeHttpClient.shared(), callbackKey::value),
                    clock);
            workflow = new LocalWorkflow(workflowContext, LocalWorkflow.defaultOptions(),
                    faults.invoker() == null ? UnaryOperator.identity() : faults.invoker(),
                    faults.deliverStatusEvent() == null ? e -> true : faults.deliverStatusEvent());
            // Restart on kept data: what the previous process left unfinished continues (before the
            // reaper's first pass, which would otherwise fail tasks whose executions are gone).
            int recovered = options.dataDir() == null ? 0 : workflow.resumeUnfinishedFromPreviousRun(tasks);
            // Scrapes: an SQS-compatible queue with a dead-letter queue, polled like Lambda's event source.
            // Started lazily for the API: the server answers without waiting for it; the first scrape
            // submitted waits if it is still starting, and the pollers start as soon as it has.
            DynamoScrapeStore scrapeStore = new DynamoScrapeStore(ddb, SCRAPE_TABLE, clock);
            ScrapeWorker worker = new ScrapeWorker(scrapeStore,
                    overrides.pageFetcher() != null ? overrides.pageFetcher() : SafeHttpClient.shared(),
                    Translator.NONE, clock, maxReceives);
            CompletableFuture<LocalScrapeQueues> starting = queuesStarting;
            starting.whenComplete((q, failed) -> {
                if (failed != null) {
                    StructuredLog.error("the local scrape queue did not start; scrapes will fail", null, failed);
                    return;
                }
                q.start(new ScrapeWorkerHandler(worker), new ScrapeDeadLetterHandler(worker));
                if (options.dataDir() != null) {
                    // The queue did not survive the previous process: deliver its unfinished scrapes again.
                    SqsScrapeQueue resend = new SqsScrapeQueue(q.client(), q.queueUrl());
                    scrapeStore.unfinishedTaskIds().forEach(resend::send);
                }
            });
            Lazy<SqsScrapeQueue> sqs = Lazy.of(() -> {
                LocalScrapeQueues q = joinStarting(starting);
                return new SqsScrapeQueue(q.client(), q.queueUrl());
            });
            ScrapeService scrapes = new ScrapeService(scrapeStore, new DynamoIdempotencyStore(ddb, SCRAPE_TABLE, "pk", clock),
                    taskId -> sqs.get().send(taskId), clock);

            WorkflowLauncher apiLauncher = faults.launcher() == null ? workflow : faults.launcher().apply(workflow);
            ApiContext context = new ApiContext(new CollectionService(tasks,
                    new DynamoIdempotencyStore(ddb, TASKS_TABLE, "id", clock), apiLauncher, slots, clock),
                    workflowContext.records(), scrapes, clock);
            ApiHttpServer http = new ApiHttpServer(options.host(), options.port(), ApiDispatcher.forContext(context),
                    RequestGuard.of(options.host(), options.allowedHosts(), options.corsOrigins(), options.apiKey()))
                    .withMetrics(LocalObservability.install());
            http.start();
            // The reaper: once now (after the restart recovery above), then periodically, as the
            // deployed schedule does. A pass that fails is logged; the next one tries again.
            Reaper reaper = new Reaper(workflowContext, workflow);
            reaperTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gleaner-reaper");
                t.setDaemon(true);
                return t;
            });
            Duration every = faults.reaperInterval() != null ? faults.reaperInterval()
                    : Duration.ofSeconds(Long.parseLong(Env.getOrDefault(Env.REAPER_SECONDS, "60")));
            reaperTimer.scheduleWithFixedDelay(() -> {
                // Each pass is one invocation of the deployed ReaperFunction: its lines and metrics say so.
                try (LogContext.Scope pass = LogContext.invocation(null, null, WorkflowFunctions.REAPER.function())) {
                    try {
                        reaper.pass();
                    } catch (RuntimeException e) {
                        StructuredLog.warn("reaper pass failed; the next one tries again", null, e);
                    }
                }
            }, faults.reaperInterval() != null ? every.toMillis() : 0, Math.max(1, every.toMillis()), TimeUnit.MILLISECONDS);
            return new LocalRunner(dynamo, http, tasks, slots, workflow, starting, reaper, reaperTimer, recovered, demo,
                    callbackKey);
        } catch (IOException | RuntimeException e) {
            if (reaperTimer != null) {
                reaperTimer.shutdownNow();
            }
            if (demo != null) {
                demo.close();
            }
            if (queuesStarting != null) {
                queuesStarting.thenAccept(LocalScrapeQueues::close); // closed now, or once it has started
            }
            if (workflow != null) {
                workflow.close();
            }
            if (dynamo != null) {
                dynamo.close();
            }
            throw e;
        }
    }

    /** Runs {@code start} on a new daemon thread. */
    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> start) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(start.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The started value, or what {@code start} threw, unwrapped. */
    private static <T> T joinStarting(CompletableFuture<T> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The key that signs callbacks, and where it is kept. */
    public LocalCallbackKey callbackKey() {
        return callbackKey;
    }

    /** The built-in sample sources ({@code --demo}), or null. */
    public DemoSources demo() {
        return demo;
    }

    /** The scrape queues, once started (waits if they are still starting). */
    public LocalScrapeQueues queues() {
        return joinStarting(queues);
    }

    public CollectionSlots slots() {
        return slots;
    }

    public LocalWorkflow workflow() {
        return workflow;
    }

    /** The runner's reaper (tests run a pass at a moment of their choosing). */
    public Reaper reaper() {
        return reaper;
    }

    /** Collections a previous process left running or pending, taken up again at start-up (only with --data). */
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
        reaperTimer.shutdownNow();
        http.close();
        queues.thenAccept(LocalScrapeQueues::close);
        workflow.close();
        dynamo.close();
        if (demo != null) {
            demo.close();
        }
    }
}
