package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.gleaner.asl.Execution;
import dev.gleaner.asl.HistoryEvent;
import dev.gleaner.asl.HistoryEventType;
import dev.gleaner.asl.TaskInvoker;
import dev.gleaner.checks.template.SamTemplate;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.Collectors;
import dev.gleaner.collectors.SourceEndpoints;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.net.AddressPolicy;
import dev.gleaner.local.LocalOptions;
import dev.gleaner.local.LocalRunner;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.WorkflowFunctions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Issue 14, item 5: what a typical collection (three categories, about 500 posts) and a product
 * scrape cost on AWS, from what they do on the local runner, which runs the same handlers and the
 * same state machine: Lambda GB-seconds from the measured duration of every invocation and the
 * template's MemorySize, Step Functions state transitions from the execution's history, DynamoDB
 * read and write request units as DynamoDB (Local) reports them, SQS and API Gateway requests,
 * priced per 1,000 with the public prices below.
 */
final class CostBench {
    static final String NAME = "cost-model";

    /** Public list prices, us-east-1, as AWS's pricing pages gave them in 2025 (the date they were read for this model). */
    static final String PRICES_AS_OF = "2025, us-east-1 list prices (DynamoDB on-demand after its November 2024 reduction)";
    /** Lambda on arm64 (the template's architecture), per GB-second. */
    static final double LAMBDA_GB_SECOND = 0.0000133334;
    static final double LAMBDA_REQUEST = 0.20 / 1_000_000;
    /** Step Functions Standard workflows, per state transition. */
    static final double SFN_TRANSITION = 0.025 / 1_000;
    /** DynamoDB on-demand, per write and per read request unit. */
    static final double DDB_WRITE_UNIT = 0.625 / 1_000_000;
    static final double DDB_READ_UNIT = 0.125 / 1_000_000;
    /** SQS standard queue, per request (64 KB chunk). */
    static final double SQS_REQUEST = 0.40 / 1_000_000;
    /** API Gateway REST API, per request (first 333 million a month). */
    static final double API_REQUEST = 3.50 / 1_000_000;

    /** The scrape's SQS requests: SendMessage, then Lambda's poller receives and deletes the message. */
    static final int SQS_REQUESTS_PER_SCRAPE = 3;
    /** The execution-status rule invokes ExecutionCleanupFunction once per execution; not run through the executor here. */
    static final double CLEANUP_SECONDS_ASSUMED = 0.1;

    private static final List<String> CATEGORIES = List.of("hospital_question", "surgery_question", "free_chat");
    private static final int PER_CATEGORY = 167;
    private static final long PAGE_LATENCY_MS = 100;

    private CostBench() {}

    /** Invocations and measured seconds per template function. */
    static final class Lambdas {
        final Map<String, Integer> invocations = new ConcurrentHashMap<>();
        final Map<String, Double> seconds = new ConcurrentHashMap<>();
        final Map<String, Double> billedGbSeconds = new ConcurrentHashMap<>();

        void add(String function, int memoryMb, long nanos) {
            invocations.merge(function, 1, Integer::sum);
            seconds.merge(function, nanos / 1e9, Double::sum);
            // Lambda bills each invocation's duration rounded up to the millisecond.
            billedGbSeconds.merge(function, memoryMb / 1024.0 * Math.ceil(nanos / 1e6) / 1000.0, Double::sum);
        }

        void reset() {
            invocations.clear();
            seconds.clear();
            billedGbSeconds.clear();
        }

        int count() {
            return invocations.values().stream().mapToInt(Integer::intValue).sum();
        }

        double gbSeconds() {
            return billedGbSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    record Bill(String what, int lambdaInvocations, double gbSeconds, long transitions, int batches, double readUnits,
            double writeUnits, long dynamoRequests, int sqsRequests, int apiRequests, String lambdaDetail) {
        double lambda() {
            return lambdaInvocations * LAMBDA_REQUEST + gbSeconds * LAMBDA_GB_SECOND;
        }

        double total() {
            return lambda() + transitions * SFN_TRANSITION + readUnits * DDB_READ_UNIT + writeUnits * DDB_WRITE_UNIT
                    + sqsRequests * SQS_REQUEST + apiRequests * API_REQUEST;
        }
    }

    static void run(Path root) throws Exception {
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        Map<String, Integer> memory = new LinkedHashMap<>();
        for (String id : template.functionIds()) {
            memory.put(id, template.functionProperties(id).path("MemorySize").asInt());
        }
        Map<String, String> functionByArn = new LinkedHashMap<>();
        for (WorkflowFunctions f : WorkflowFunctions.values()) {
            functionByArn.put(f.localArn(), f.function());
        }
        CapacityMeter meter = new CapacityMeter();
        Lambdas lambdas = new Lambdas();
        UnaryOperator<TaskInvoker> timing = invoker -> (resource, input) -> {
            long t0 = System.nanoTime();
            try {
                return invoker.invoke(resource, input);
            } finally {
                String fn = functionByArn.getOrDefault(resource, resource);
                lambdas.add(fn, memory.getOrDefault(fn, 1024), System.nanoTime() - t0);
            }
        };
        CommunityPages warm = new CommunityPages(30_000_000, List.of("review", "ask_doctor"), 40);
        CommunityPages measured = new CommunityPages(31_000_000, CATEGORIES, PER_CATEGORY);
        HttpServer shop = productPages();
        SafeHttpClient fetcher = SafeHttpClient.builder().addressPolicy(AddressPolicy.LOOPBACK_FOR_TESTS)
                .resolver(host -> List.of(InetAddress.getLoopbackAddress())).build();
        try (PageServer source = new PageServer(warm)) {
            CollectorOptions options = CollectorOptions.fromEnv().withEndpoints(SourceEndpoints.allAt(source.origin()))
                    .withDelayFactor(0);
            try (LocalRunner runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null),
                    new LocalRunner.Overrides(p -> Collectors.forPlatform(p, options), null, fetcher, null),
                    new LocalRunner.Faults(meter::wrap, timing, null, null, Duration.ofDays(1)))) {
                Api api = new Api(runner.baseUrl());
                // Warm-up (JIT, connections): a small collection and a scrape, not counted.
                collect(api, runner, warm, 0, memory, new int[1]);
                scrape(api, shop, "warm", memory, new Lambdas());
                source.serve(measured);
                source.latency(PAGE_LATENCY_MS);

                meter.reset();
                lambdas.reset();
                int[] apiRequests = new int[1];
                Execution execution = collect(api, runner, measured, PER_CATEGORY, memory, apiRequests);
                long transitions = transitions(execution);
                int batches = lambdas.invocations.getOrDefault(WorkflowFunctions.COLLECT_BATCH.function(), 0);
                // The API calls of the collection ran through the HTTP server, not the invoker: added by collect().
                lambdas.add("ExecutionCleanupFunction", memory.getOrDefault("ExecutionCleanupFunction", 512),
                        (long) (CLEANUP_SECONDS_ASSUMED * 1e9));
                Bill collection = new Bill("collection", lambdas.count() + apiRequests[0], lambdas.gbSeconds() + apiGbSeconds,
                        transitions, batches, meter.readUnits.sum(), meter.writeUnits.sum(), meter.requestCount(), 0,
                        apiRequests[0], detail(lambdas));

                meter.reset();
                Lambdas scrapeLambdas = new Lambdas();
                int scrapeApi = scrape(api, shop, "measured", memory, scrapeLambdas);
                Bill scrape = new Bill("scrape", scrapeLambdas.count(), scrapeLambdas.gbSeconds(), 0, 0, meter.readUnits.sum(),
                        meter.writeUnits.sum(), meter.requestCount(), SQS_REQUESTS_PER_SCRAPE, scrapeApi, detail(scrapeLambdas));
                report(collection, scrape, CATEGORIES.size() * PER_CATEGORY);
            }
        } finally {
            shop.stop(0);
        }
    }

    /** GB-seconds of the API functions (added by {@link #collect} and {@link #scrape}). */
    private static double apiGbSeconds;

    private static String detail(Lambdas l) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(l.invocations).forEach((fn, n) -> b.append(String.format("%s ×%d (%.2f s, %.3f GB-s); ", fn, n,
                l.seconds.get(fn), l.billedGbSeconds.get(fn))));
        return b.toString();
    }

    /**
     * POST start, then {@code GET /task/{id}} with {@code Prefer: wait=20} until it is final (a client
     * that long-polls), then the items, 200 a page, as a client reads the result. Each API request is
     * one invocation of its function, timed here over loopback (an upper bound of its Lambda duration).
     */
    private static Execution collect(Api api, LocalRunner runner, CommunityPages pages, int limit, Map<String, Integer> memory,
            int[] apiRequests) throws Exception {
        apiGbSeconds = 0;
        long t0 = System.nanoTime();
        String id = api.start(pages, limit);
        apiCall(memory, "StartCollectionFunction", t0, apiRequests);
        JsonNode task;
        do {
            long t = System.nanoTime();
            HttpResponse<String> r = api.http.send(HttpRequest.newBuilder(URI.create(api.baseUrl + Api.BASE + "/task/" + id))
                    .header("Prefer", "wait=20").timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            apiCall(memory, "GetTaskFunction", t, apiRequests);
            task = Json.parse(r.body());
        } while (!List.of("completed", "failed", "cancelled").contains(task.get("status").asText()));
        if (!task.get("status").asText().equals("completed")) {
            throw new IllegalStateException("the collection did not complete: " + task);
        }
        String token = null;
        int items = 0;
        do {
            long t = System.nanoTime();
            HttpResponse<String> r = api.send("GET", Api.BASE + "/task/" + id + "/items?limit=200"
                    + (token == null ? "" : "&next_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), null);
            apiCall(memory, "TaskItemsFunction", t, apiRequests);
            JsonNode body = Json.parse(r.body());
            items += body.get("items").size();
            token = body.path("next_token").isTextual() ? body.get("next_token").asText() : null;
        } while (token != null);
        if (limit > 0 && items != pages.categories.size() * limit) {
            throw new IllegalStateException("read " + items + " items, expected " + pages.categories.size() * limit);
        }
        List<Execution> all = runner.workflow().executor().executions();
        Execution execution = all.stream().filter(e -> e.input() != null && id.equals(e.input().path("task_id").asText()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no execution for task " + id));
        execution.await(Duration.ofSeconds(60)); // the task is final once Finalize wrote it; the execution ends just after
        return execution;
    }

    private static void apiCall(Map<String, Integer> memory, String function, long startNanos, int[] apiRequests) {
        long nanos = System.nanoTime() - startNanos;
        apiRequests[0]++;
        apiGbSeconds += memory.getOrDefault(function, 1024) / 1024.0 * Math.ceil(nanos / 1e6) / 1000.0;
    }

    /** POST /scrape of a product page, then the result with {@code Prefer: wait=20} until final. */
    private static int scrape(Api api, HttpServer shop, String product, Map<String, Integer> memory, Lambdas lambdas)
            throws Exception {
        String url = "http://shop.example.com:" + shop.getAddress().getPort() + "/products/" + product;
        long t0 = System.nanoTime();
        HttpResponse<String> started = api.send("POST", "/scrape", "{\"url\": \"" + url + "\", \"force_refresh\": true}");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("POST /scrape answered " + started.statusCode() + ": " + started.body());
        }
        long submitted = System.nanoTime();
        lambdas.add("ScrapeSubmitFunction", memory.getOrDefault("ScrapeSubmitFunction", 1024), submitted - t0);
        String id = Json.parse(started.body()).get("task_id").asText();
        int requests = 1;
        JsonNode result;
        do {
            long t = System.nanoTime();
            HttpResponse<String> r = api.http.send(HttpRequest.newBuilder(URI.create(api.baseUrl + "/tasks/" + id + "/result"))
                    .header("Prefer", "wait=20").timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            lambdas.add("ScrapeResultFunction", memory.getOrDefault("ScrapeResultFunction", 1024), System.nanoTime() - t);
            requests++;
            result = Json.parse(r.body());
        } while (!List.of("completed", "failed").contains(result.get("status").asText()));
        if (!result.get("status").asText().equals("completed")) {
            throw new IllegalStateException("the scrape did not complete: " + result);
        }
        // The worker ran between the submit and the completed answer: that span is its upper bound.
        lambdas.add("ScrapeWorkerFunction", memory.getOrDefault("ScrapeWorkerFunction", 1024), System.nanoTime() - submitted);
        return requests;
    }

    /** What Step Functions bills: one transition per state entered (Map iterations' states too), and one per retry. */
    static long transitions(Execution execution) {
        long n = 0;
        for (HistoryEvent e : execution.history()) {
            if (e.type().name().endsWith("StateEntered") || e.type() == HistoryEventType.StateRetryScheduled) {
                n++;
            }
        }
        return n;
    }

    private static HttpServer productPages() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/products/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/products/".length());
            byte[] body = ("<!doctype html><html><head><title>Trail runner " + name + "</title>"
                    + "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"Product\", "
                    + "\"name\": \"Trail runner " + name + "\", \"sku\": \"TR-1\", \"brand\": {\"@type\": \"Brand\", \"name\": \"Gleaner\"}, "
                    + "\"offers\": {\"@type\": \"Offer\", \"price\": \"89.00\", \"priceCurrency\": \"USD\", "
                    + "\"availability\": \"https://schema.org/InStock\"}}</script></head>"
                    + "<body><h1>Trail runner " + name + "</h1><p class=\"price\">$89.00</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void report(Bill c, Bill s, int posts) {
        long limit = 12 + 2L * c.batches();
        String table = String.format("""
                | per 1,000 | quantity per collection | cost per 1,000 collections (USD) | quantity per scrape | cost per 1,000 scrapes (USD) |
                |---|---:|---:|---:|---:|
                | Lambda requests | %d | %.4f | %d | %.4f |
                | Lambda GB-seconds (arm64) | %.3f | %.4f | %.3f | %.4f |
                | Step Functions state transitions | %d | %.4f | 0 | 0 |
                | DynamoDB read request units | %.1f | %.4f | %.1f | %.4f |
                | DynamoDB write request units | %.1f | %.4f | %.1f | %.4f |
                | SQS requests | 0 | 0 | %d | %.4f |
                | API Gateway requests (REST) | %d | %.4f | %d | %.4f |
                | **total** | | **%.2f** | | **%.2f** |
                """,
                c.lambdaInvocations(), 1000 * c.lambdaInvocations() * LAMBDA_REQUEST, s.lambdaInvocations(),
                1000 * s.lambdaInvocations() * LAMBDA_REQUEST,
                c.gbSeconds(), 1000 * c.gbSeconds() * LAMBDA_GB_SECOND, s.gbSeconds(), 1000 * s.gbSeconds() * LAMBDA_GB_SECOND,
                c.transitions(), 1000 * c.transitions() * SFN_TRANSITION,
                c.readUnits(), 1000 * c.readUnits() * DDB_READ_UNIT, s.readUnits(), 1000 * s.readUnits() * DDB_READ_UNIT,
                c.writeUnits(), 1000 * c.writeUnits() * DDB_WRITE_UNIT, s.writeUnits(), 1000 * s.writeUnits() * DDB_WRITE_UNIT,
                s.sqsRequests(), 1000 * s.sqsRequests() * SQS_REQUEST,
                c.apiRequests(), 1000 * c.apiRequests() * API_REQUEST, s.apiRequests(), 1000 * s.apiRequests() * API_REQUEST,
                1000 * c.total(), 1000 * s.total());
        String body = "## Figures\n\n" + table + "\n"
                + String.format("Transitions per collection: **%d** for %d CollectBatch calls (target ≤ 12 + 2 per batch = %d: %s).%n%n",
                        c.transitions(), c.batches(), limit, c.transitions() <= limit ? "met" : "**not met**")
                + "*Collection*: Gangnam Unni, three categories (" + String.join(", ", CATEGORIES) + "), `limit` " + PER_CATEGORY
                + " each (" + posts + " posts, list pages of 20, no comments), the page server answering each page in "
                + PAGE_LATENCY_MS + " ms, politeness delays off (`GLEANER_DELAY_FACTOR=0`; on AWS they are on and CollectBatch "
                + "waits between pages, which adds its GB-seconds); the client starts it, long-polls `GET /task/{id}` with "
                + "`Prefer: wait=20` until it is final and reads the items 200 a page. *Scrape*: `POST /scrape` of a product "
                + "page (force_refresh, so not a cache hit), then `GET /tasks/{id}/result` with `Prefer: wait=20` until final.\n\n"
                + "How each figure is counted. *Lambda*: every workflow step timed around its invocation by the state "
                + "machine's executor; every API request timed over loopback HTTP by the client (an upper bound of the "
                + "function's duration: it includes the local HTTP hop); the scrape worker's duration is the span from the "
                + "submit's answer to the completed result (an upper bound); ExecutionCleanupFunction (one per execution, "
                + "invoked by the execution-status rule) is priced at an assumed " + CLEANUP_SECONDS_ASSUMED + " s. Each "
                + "invocation is billed rounded up to the millisecond at its template MemorySize. Warm JVMs: cold starts "
                + "(SnapStart restores) add to the first invocations of each function and are not in these figures. "
                + "*Transitions*: the execution's history on the local executor, one per state entered (Map iterations' "
                + "states included) and one per retry. *DynamoDB*: every request of the runner's client sent with "
                + "`ReturnConsumedCapacity: TOTAL`, the units DynamoDB Local reports added up (on-demand bills one request "
                + "unit per capacity unit); " + c.dynamoRequests() + " requests for the collection, " + s.dynamoRequests()
                + " for the scrape. *SQS*: " + SQS_REQUESTS_PER_SCRAPE + " per scrape (SendMessage; the event source's "
                + "ReceiveMessage and DeleteMessage); the event source's idle long polls are a fixed monthly cost, not per "
                + "scrape. *API Gateway*: the requests above.\n\n"
                + "Not included: CloudWatch Logs ingestion and storage, X-Ray traces, data transfer, Secrets Manager "
                + "(per secret per month and per 10,000 reads; secrets are cached), storage of the records (DynamoDB per "
                + "GB-month), the scheduled reaper (every 5 minutes, a fixed cost), free tiers.\n\n"
                + "Prices (" + PRICES_AS_OF + "): Lambda arm64 $" + LAMBDA_GB_SECOND + " per GB-s and $0.20 per million "
                + "requests; Step Functions Standard $0.025 per 1,000 transitions; DynamoDB on-demand $0.625 per million "
                + "write and $0.125 per million read request units; SQS $0.40 per million requests; API Gateway REST $3.50 "
                + "per million requests. They are the named constants of `CostBench`.\n\n"
                + "- Lambda, collection: " + c.lambdaDetail() + "\n- Lambda, scrape: " + s.lambdaDetail() + "\n";
        System.out.print(table);
        Path file = Results.write(NAME, "Cost model: a 500-post collection and a scrape, per 1,000 (issue 14)",
                "java -jar bench/target/gleaner-bench.jar cost", body);
        System.out.println("written " + file);
    }
}
