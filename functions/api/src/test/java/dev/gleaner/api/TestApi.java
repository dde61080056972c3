package dev.gleaner.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.GatewayEvents;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.aws.idempotency.DynamoIdempotencyStore;
import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.scrape.DynamoScrapeStore;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tables.TestTables;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.scrape.ScrapeQueue;
import dev.gleaner.core.scrape.ScrapeService;
import dev.gleaner.core.task.CollectionService;
import dev.gleaner.core.time.Sleeper;
import dev.gleaner.core.workflow.WorkflowLauncher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Real handlers, real DynamoDB Local tables, and a launcher that only records what it was asked. */
final class TestApi {
    final TestTables tables = TestTables.create();
    /**
     * The tests' "now": fixed, and in the future, because tasks carry a TTL from creation and
     * DynamoDB Local, like DynamoDB, deletes items whose TTL is in the real past.
     */
    static final Instant NOW = Instant.parse("2099-01-02T03:00:00Z");
    final MutableClock clock = new MutableClock(NOW);
    final DynamoTaskStore store = new DynamoTaskStore(tables.client(), tables.tasks(), clock);
    final DynamoSemaphore slots = new DynamoSemaphore(tables.client(), tables.semaphore(), 10, clock);
    final RecordingLauncher launcher = new RecordingLauncher();
    final DynamoRecordStore records = new DynamoRecordStore(tables.client(), tables.records());
    final MemoryScrapeQueue queue = new MemoryScrapeQueue();
    final DynamoScrapeStore scrapeStore = new DynamoScrapeStore(tables.client(), tables.scrape(), clock);
    /** What a {@code Prefer: wait} pause does here: by default it moves the clock on, never sleeping. */
    volatile Sleeper sleeper = d -> clock.advance(d);
    final ApiContext context = new ApiContext(new CollectionService(store,
            new DynamoIdempotencyStore(tables.client(), tables.tasks(), "id", clock), launcher, slots, clock), records,
            new ScrapeService(scrapeStore, new DynamoIdempotencyStore(tables.client(), tables.scrape(), "pk", clock), queue,
                    clock), clock).withSleeper(d -> sleeper.sleep(d));
    /** One handler per endpoint, as Lambda keeps one per function (the local runner's dispatcher is in infrastructure/local). */
    private final Map<Endpoint, ApiHandler> handlers = handlers(context);

    private static Map<Endpoint, ApiHandler> handlers(ApiContext context) {
        Map<Endpoint, ApiHandler> all = new LinkedHashMap<>();
        for (Routes.Route r : Routes.ALL) {
            try {
                all.put(r.endpoint(), (ApiHandler) r.handler().getConstructor(ApiContext.class).newInstance(context));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return all;
    }

    Response call(String method, String path) {
        return call(method, path, null, Map.of());
    }

    Response call(String method, String path, String body) {
        return call(method, path, body, Map.of());
    }

    Response call(String method, String path, String body, Map<String, List<String>> query) {
        return call(method, path, body, query, Map.of());
    }

    Response call(String method, String path, String body, Map<String, List<String>> query,
            Map<String, List<String>> headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Content-Type", List.of("application/json"));
        all.putAll(headers);
        Endpoints.Match match = Endpoints.match(method, path);
        if (!match.found() && !match.allowedMethods().isEmpty()) {
            // A method the path lacks: the path's function gets it and answers 405 itself (API Gateway,
            // and the local runner's ApiDispatcher, answer before any function runs: ApiDispatcherTest).
            match = Endpoints.match(match.allowedMethods().get(0), path);
        }
        if (!match.found()) {
            throw new AssertionError(method + " " + path + " is no endpoint (API Gateway answers it: ApiDispatcherTest)");
        }
        APIGatewayProxyRequestEvent event = GatewayEvents.request(method, path, query, all, body, false, match, "127.0.0.1");
        return new Response(handlers.get(match.endpoint()).handleRequest(event, null));
    }

    record Response(APIGatewayProxyResponseEvent raw) {
        int status() {
            return raw.getStatusCode();
        }

        JsonNode json() {
            try {
                return Json.parse(raw.getBody());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + raw.getBody(), e);
            }
        }

        String header(String name) {
            return raw.getHeaders().get(name);
        }

        String body() {
            return raw.getBody();
        }

        @Override
        public String toString() {
            return status() + " " + raw.getBody();
        }
    }

    /** Collects the task ids sent to the scrape queue. */
    static final class MemoryScrapeQueue implements ScrapeQueue {
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(String taskId) {
            sent.add(taskId);
        }
    }

    static final class RecordingLauncher implements WorkflowLauncher {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<String> stopped = new CopyOnWriteArrayList<>();
        volatile boolean failStarts;

        @Override
        public void start(String taskId, String execution) {
            if (failStarts) {
                throw new IllegalStateException("StartExecution failed (test)");
            }
            started.add(execution);
        }

        @Override
        public void stop(String execution, String reason) {
            stopped.add(execution);
        }

        @Override
        public ExecutionState state(String execution) {
            return stopped.contains(execution) ? ExecutionState.ABORTED
                    : started.contains(execution) ? ExecutionState.RUNNING : ExecutionState.MISSING;
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MutableClock outer = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId z) {
                    return outer.withZone(z);
                }

                @Override
                public Instant instant() {
                    return outer.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
