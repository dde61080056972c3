package dev.gleaner.bench;

import dev.gleaner.local.LocalRunner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Issue 2: the local runner's overhead on {@code GET /task/{id}} over loopback HTTP against a
 * direct DynamoDB Local {@code GetItem} of the same item from the same JVM (what the task store
 * sends: a consistent read by id). Both run in alternating blocks so that drift (GC, JIT, the OS)
 * hits them alike; percentiles are nearest-rank over every sample after warm-up.
 */
final class GetTaskBench {
    static final String NAME = "get-task-overhead";
    private static final int BLOCK = 100;

    private GetTaskBench() {}

    static void run(int warmup, int iterations) throws Exception {
        // The JDK HttpServer reads this once per JVM: off is how the runner ships today; on is the
        // one-line fix this benchmark motivates (see bench/README.md).
        boolean nodelay = Boolean.getBoolean("sun.net.httpserver.nodelay");
        CommunityPages pages = new CommunityPages(1_000_000, java.util.List.of("hospital_question"), 48);
        try (PageServer source = new PageServer(pages); LocalRunner runner = Api.runnerReading(source)) {
            Api api = new Api(runner.baseUrl());
            // A real finished task: logs, result_summary, categories; what clients poll for.
            String id = api.start(pages, 0);
            api.awaitCompleted(id, Duration.ofMillis(20), Duration.ofSeconds(60));

            HttpRequest get = HttpRequest.newBuilder(URI.create(runner.baseUrl() + Api.BASE + "/task/" + id)).GET().build();
            DynamoDbClient ddb = runner.dynamo().client();
            GetItemRequest getItem = GetItemRequest.builder().tableName(LocalRunner.TASKS_TABLE)
                    .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true).build();
            long bodyBytes = api.http.send(get, HttpResponse.BodyHandlers.ofByteArray()).body().length;

            Sampler http = () -> {
                HttpResponse<byte[]> r = api.http.send(get, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET /task answered " + r.statusCode());
                }
            };
            Sampler direct = () -> {
                if (!ddb.getItem(getItem).hasItem()) {
                    throw new IllegalStateException("the task item is missing");
                }
            };
            measure(http, direct, warmup); // warm-up, discarded
            long[][] samples = measure(http, direct, iterations);
            Percentiles viaHttp = new Percentiles(samples[0]);
            Percentiles viaGetItem = new Percentiles(samples[1]);
            double p50 = viaHttp.micros(50) / viaGetItem.micros(50);
            double p99 = viaHttp.micros(99) / viaGetItem.micros(99);

            String table = String.format("""
                    | | p50 (µs) | p99 (µs) | mean (µs) | samples |
                    |---|---:|---:|---:|---:|
                    | `GET /task/{id}` over loopback HTTP (runner) | %.0f | %.0f | %.0f | %d |
                    | `GetItem` on DynamoDB Local, same JVM | %.0f | %.0f | %.0f | %d |
                    | **ratio** (target ≤ 1.5) | **%.2f×** | **%.2f×** | | |
                    """, viaHttp.micros(50), viaHttp.micros(99), viaHttp.meanMicros(), viaHttp.count(),
                    viaGetItem.micros(50), viaGetItem.micros(99), viaGetItem.meanMicros(), viaGetItem.count(), p50, p99);
            String body = "## Figures\n\n" + table + "\n"
                    + "Warm-up: " + warmup + " of each (discarded); measured: " + iterations + " of each, alternating blocks of "
                    + BLOCK + ". The task is a completed Gangnam Unni collection (" + bodyBytes + " bytes of JSON); the HTTP "
                    + "client is the JDK's (HTTP/1.1, one kept-alive connection), the GetItem goes through the runner's own "
                    + "DynamoDB client (UrlConnection HTTP client) to DynamoDB Local on loopback.\n\n"
                    + "`GET /task/{id}` costs one consistent `GetItem` plus the local runner's HTTP server, the API Gateway "
                    + "event mapping, the handler and the JSON of the answer; the ratio is that overhead.\n\n"
                    + (nodelay ? "Run with `-Dsun.net.httpserver.nodelay=true`: the runner's HTTP server sets TCP_NODELAY "
                            + "(not how it ships today).\n"
                            : "Run as the runner ships: the JDK HttpServer without TCP_NODELAY (`sun.net.httpserver.nodelay` "
                            + "unset).\n");
            System.out.print(table);
            Path file = Results.write(nodelay ? NAME + "-nodelay" : NAME,
                    "Local runner: GET /task/{id} vs a direct DynamoDB Local GetItem (issue 2)"
                            + (nodelay ? ", with TCP_NODELAY" : ""),
                    "java " + (nodelay ? "-Dsun.net.httpserver.nodelay=true " : "") + "-jar bench/target/gleaner-bench.jar get-task",
                    body);
            System.out.println("written " + file);
        }
    }

    interface Sampler {
        void once() throws Exception;
    }

    private static long[][] measure(Sampler a, Sampler b, int iterations) throws Exception {
        long[] sa = new long[iterations];
        long[] sb = new long[iterations];
        for (int done = 0; done < iterations; done += BLOCK) {
            int n = Math.min(BLOCK, iterations - done);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                a.once();
                sa[done + i] = System.nanoTime() - t0;
            }
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                b.once();
                sb[done + i] = System.nanoTime() - t0;
            }
        }
        return new long[][] {sa, sb};
    }
}
