package dev.gleaner.bench;

import dev.gleaner.local.LocalRunner;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    /** Connections a slow-client row keeps open, each with half a request sent. */
    static final int SLOW_CLIENTS = 200;

    static void run(int warmup, int iterations) throws Exception {
        CommunityPages pages = new CommunityPages(1_000_000, List.of("hospital_question"), 48);
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
            // The same again while slow clients hold connections with half a request sent.
            long[][] slowSamples;
            try (SlowClients slow = new SlowClients(runner.port(), SLOW_CLIENTS)) {
                measure(http, direct, Math.max(BLOCK, warmup / 10));
                slowSamples = measure(http, direct, iterations);
                slow.checkStillOpen();
            }
            Percentiles slowHttp = new Percentiles(slowSamples[0]);
            Percentiles slowGetItem = new Percentiles(slowSamples[1]);

            String table = String.format("""
                    | | p50 (µs) | p99 (µs) | mean (µs) | samples |
                    |---|---:|---:|---:|---:|
                    | `GET /task/{id}` over loopback HTTP (runner) | %.0f | %.0f | %.0f | %d |
                    | `GetItem` on DynamoDB Local, same JVM | %.0f | %.0f | %.0f | %d |
                    | **ratio** (target ≤ 1.5) | **%.2f×** | **%.2f×** | | |
                    | *with %d slow clients holding connections:* | | | | |
                    | `GET /task/{id}` | %.0f | %.0f | %.0f | %d |
                    | `GetItem` | %.0f | %.0f | %.0f | %d |
                    | ratio | %.2f× | %.2f× | | |
                    """, viaHttp.micros(50), viaHttp.micros(99), viaHttp.meanMicros(), viaHttp.count(),
                    viaGetItem.micros(50), viaGetItem.micros(99), viaGetItem.meanMicros(), viaGetItem.count(),
                    ratio(viaHttp, viaGetItem, 50), ratio(viaHttp, viaGetItem, 99), SLOW_CLIENTS,
                    slowHttp.micros(50), slowHttp.micros(99), slowHttp.meanMicros(), slowHttp.count(),
                    slowGetItem.micros(50), slowGetItem.micros(99), slowGetItem.meanMicros(), slowGetItem.count(),
                    ratio(slowHttp, slowGetItem, 50), ratio(slowHttp, slowGetItem, 99));
            String body = "## Figures\n\n" + table + "\n"
                    + "Warm-up: " + warmup + " of each (discarded); measured: " + iterations + " of each, alternating blocks of "
                    + BLOCK + ". The task is a completed Gangnam Unni collection (" + bodyBytes + " bytes of JSON); the HTTP "
                    + "client is the JDK's (HTTP/1.1, one kept-alive connection), the GetItem goes through the runner's own "
                    + "DynamoDB client (UrlConnection HTTP client) to DynamoDB Local on loopback. The runner's HTTP server is "
                    + "Jetty 12 (`ApiHttpServer`, TCP_NODELAY on accepted connections), as it ships.\n\n"
                    + "`GET /task/{id}` costs one consistent `GetItem` plus the local runner's HTTP server, the API Gateway "
                    + "event mapping, the handler and the JSON of the answer; the ratio is that overhead.\n\n"
                    + "*Slow clients*: " + SLOW_CLIENTS + " more connections to the runner, each having sent the request line "
                    + "and the start of a header of a `GET`, then one more byte of that header every second (a slowloris), open "
                    + "during the second measurement (after a short warm-up); none was disconnected. They hold connection slots, not request threads.\n";
            System.out.print(table);
            Path file = Results.write(NAME, "Local runner: GET /task/{id} vs a direct DynamoDB Local GetItem (issues 2, 14)",
                    "java -jar bench/target/gleaner-bench.jar get-task", body);
            System.out.println("written " + file);
        }
    }

    private static double ratio(Percentiles a, Percentiles b, double p) {
        return a.micros(p) / b.micros(p);
    }

    /**
     * Connections that sent the start of a request and then trickle one byte of a header value per
     * connection every second (below the runner's idle timeout), so none ever completes; closed together.
     */
    private static final class SlowClients implements AutoCloseable {
        private final List<Socket> sockets = new ArrayList<>();
        private final ScheduledExecutorService trickle =
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "slow-clients");
                    t.setDaemon(true);
                    return t;
                });
        private volatile int closedByServer;

        SlowClients(int port, int n) throws IOException {
            byte[] start = "GET /api/v1/async-collection/tasks HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < n; i++) {
                Socket s = new Socket("127.0.0.1", port);
                sockets.add(s);
                s.getOutputStream().write(start);
                s.getOutputStream().flush();
            }
            trickle.scheduleWithFixedDelay(() -> {
                int closed = 0;
                for (Socket s : sockets) {
                    try {
                        s.getOutputStream().write('a');
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        closed++;
                    }
                }
                closedByServer = closed;
            }, 1, 1, TimeUnit.SECONDS);
        }

        /** Fails if the runner dropped any of them during the measurement (then the row would not show slow clients). */
        void checkStillOpen() {
            if (closedByServer > 0) {
                throw new IllegalStateException(closedByServer + " slow clients were disconnected during the measurement");
            }
        }

        @Override
        public void close() throws IOException {
            trickle.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
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
