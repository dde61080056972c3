package dev.gleaner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's HTTP behaviour against a scripted API on loopback: the API key header, long polls
 * with {@code Prefer: wait} where the API honours it, backoff and {@code Retry-After} where it does
 * not, retries of 5xx while waiting, and API Gateway's own error shape.
 */
class FakeApiTest {
    private static final String TASK = "/api/v1/async-collection/task/t1";
    private HttpServer server;
    private final List<Map<String, String>> requests = new ArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();

    @TempDir
    Path dir;

    private record Answer(int status, String body, Map<String, String> headers) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange ex) throws IOException {
        Map<String, String> seen = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        seen.put(":path", ex.getRequestURI().toString());
        requests.add(seen);
        Answer a = answers.size() > 1 ? answers.poll() : answers.peek();
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(a.status(), body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String task(String status, int progress) {
        return "{\"id\":\"t1\",\"type\":\"babitalk_collect\",\"status\":\"" + status + "\",\"progress\":" + progress
                + ",\"total\":10,\"current_step\":\"시술후기 수집 중...\",\"created_at\":\"2025-01-15T00:00:00Z\",\"logs\":[]}";
    }

    private LocalApi.Result run(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("GLEANER_API_URL", url());
        return LocalApi.runWith(all, "", args);
    }

    @Test
    void theApiKeyComesFromAFileTheEnvironmentOrTheCommandLineAndIsNeverPrinted() throws IOException {
        answers.add(new Answer(200, "{\"total_tasks\":0}", Map.of()));
        Path keyFile = Files.writeString(dir.resolve("key"), "key-from-file-5b1e\n");
        assertEquals(0, run(Map.of(), "summary", "--json", "--api-key-file", keyFile.toString()).code());
        assertEquals("key-from-file-5b1e", requests.get(0).get("x-api-key"));
        assertEquals(0, run(Map.of("GLEANER_API_KEY", "key-from-env-9c3a"), "summary", "--json").code());
        assertEquals("key-from-env-9c3a", requests.get(1).get("x-api-key"));
        LocalApi.Result inline = run(Map.of(), "--api-key", "key-inline-0d7f", "summary", "--json");
        assertEquals("key-inline-0d7f", requests.get(2).get("x-api-key"));
        assertTrue(inline.err().contains("warning: a secret given with --api-key is visible"), inline.err());
        run(Map.of(), "summary");
        assertNull(requests.get(3).get("x-api-key"), "no key, no header");

        // A refused key: API Gateway's {"message": ...}, exit 5, a hint, and never the key.
        answers.clear();
        answers.add(new Answer(403, "{\"message\":\"Forbidden\"}", Map.of()));
        LocalApi.Result refused = run(Map.of("GLEANER_API_KEY", "key-from-env-9c3a"), "tasks");
        assertEquals(5, refused.code(), refused.toString());
        assertTrue(refused.err().contains("HTTP 403: Forbidden") && refused.err().contains("GLEANER_API_KEY"), refused.err());
        assertFalse(refused.toString().contains("key-from-env-9c3a"));
    }

    @Test
    void longPollsWhenTheApiHonoursPreferWait() {
        answers.add(new Answer(200, task("running", 2), Map.of("Preference-Applied", "wait=10")));
        answers.add(new Answer(200, task("running", 6), Map.of("Preference-Applied", "wait=10")));
        answers.add(new Answer(200, task("completed", 10), Map.of()));
        LocalApi.Result r = run(Map.of(), "status", "t1", "--wait", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals(3, requests.size(), requests.toString());
        assertEquals(1, requests.stream().filter(q -> q.get("prefer") == null).count(), "only the first read answers at once");
        assertEquals("wait=10", requests.get(requests.size() - 1).get("prefer"));
        assertTrue(r.err().contains("running 2/10 (20%) 시술후기 수집 중...") && r.err().contains("completed 10/10 (100%)"), r.err());
    }

    @Test
    void pollsWithBackoffOrRetryAfterWhenItDoesNotAndRetriesServerErrors() {
        answers.add(new Answer(200, task("pending", 0), Map.of("Retry-After", "0")));
        answers.add(new Answer(503, "{\"error\":\"busy\"}", Map.of()));
        answers.add(new Answer(502, "<html>Bad gateway</html>", Map.of()));
        answers.add(new Answer(200, task("running", 5), Map.of()));
        answers.add(new Answer(200, task("running", 5), Map.of("Retry-After", "0")));
        answers.add(new Answer(200, task("failed", 5), Map.of()));
        LocalApi.Result r = run(Map.of(), "status", "t1", "--wait");
        assertEquals(1, r.code(), "a failed task exits 1: " + r);
        assertEquals(6, requests.size(), "status read + 5 polls: " + requests);
        assertTrue(r.out().startsWith("failed: Babitalk collection t1, 5/10"), r.out());
    }

    @Test
    void aClientErrorWhileWaitingEndsTheWaitAtOnce() {
        answers.add(new Answer(200, task("running", 1), Map.of()));
        answers.add(new Answer(404, "{\"error\":\"task not found\"}", Map.of()));
        LocalApi.Result r = run(Map.of(), "status", "t1", "--wait");
        assertEquals(5, r.code(), r.toString());
        assertTrue(r.err().contains("HTTP 404: task not found"), r.err());
        assertEquals(2, requests.size(), "no retry of a 404");
    }

    @Test
    void exportsUseTheApisOwnCsvWhenItHasOne() {
        String csv = "\ufeffplatform,category,source_id\r\nbabitalk,reviews,1\r\nbabitalk,reviews,2\r\n";
        server.removeContext("/");
        server.createContext("/", ex -> {
            synchronized (this) {
                requests.add(Map.of(":path", ex.getRequestURI().toString(), "accept", ex.getRequestHeaders().getFirst("Accept")));
            }
            byte[] body = csv.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/csv; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        LocalApi.Result r = run(Map.of(), "items", "t1", "--format", "csv");
        assertEquals(0, r.code(), r.toString());
        assertEquals(csv, r.out(), "the API's bytes, unchanged");
        assertEquals(1, requests.size(), "one request, no paging");
        assertEquals("/api/v1/async-collection/task/t1/items?format=csv", requests.get(0).get(":path"));
        assertEquals("text/csv", requests.get(0).get("accept"));
    }

    @Test
    void withoutTheApisCsvTheFallbackWritesTheSameLayout() {
        String item1 = "{\"platform\":\"babitalk\",\"category\":\"reviews\",\"kind\":\"review\",\"source_id\":\"1\","
                + "\"title\":\"a, \\\"b\\\"\",\"rating\":4.5,\"raw\":{\"x\":{\"y\":1}}}";
        String item2 = "{\"platform\":\"babitalk\",\"category\":\"reviews\",\"kind\":\"review\",\"source_id\":\"2\","
                + "\"title\":\"\",\"raw\":{\"z\":[1,2]}}";
        server.removeContext("/");
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().toString();
            synchronized (this) {
                requests.add(Map.of(":path", path));
            }
            boolean export = path.contains("format=csv");
            byte[] body = (export ? "{\"error\":\"not acceptable\"}"
                    : path.contains("next_token") ? "{\"items\":[" + item2 + "]}"
                    : "{\"items\":[" + item1 + "],\"next_token\":\"n1\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(export ? 406 : 200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        LocalApi.Result r = run(Map.of(), "items", "t1", "--format", "csv");
        assertEquals(0, r.code(), r.toString());
        assertEquals(expectedFallbackCsv(), r.out(), "raw flattened into raw.* columns, as the API's export does");
        assertEquals(3, requests.size(), "the export, then two JSON pages");
    }

    private static String expectedFallbackCsv() {
        return "\ufeffplatform,category,kind,source_id,url,title,body,author,created_at,view_count,like_count,comment_count,"
                + "rating,hospital,doctor,procedure,price,comments,raw.x.y,raw.z\r\n"
                + "babitalk,reviews,review,1,,\"a, \"\"b\"\"\",,,,,,,4.5,,,,,,1,\r\n"
                + "babitalk,reviews,review,2,,\"\",,,,,,,,,,,,,,\"[1,2]\"\r\n";
    }
}
