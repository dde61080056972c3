package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.Platform;
import java.net.URI;
import java.util.List;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starts the local runner on a free port and talks HTTP to it as the guide's clients do. */
class LocalRunnerEndToEndTest {
    private static LocalRunner runner;

    @BeforeAll
    static void start() throws Exception {
        // The sources are scripted: tests never reach the live sites.
        ScriptedCollector babitalk = new ScriptedCollector(Platform.BABITALK);
        babitalk.millisPerBatch = 20;
        runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null),
                new LocalRunner.Overrides(p -> babitalk, null));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return ContractHttp.send(b.build());
    }

    @Test
    void theGuidesClientCallsWorkOverHttp() throws Exception {
        // requests.post('http://localhost:8000/api/v1/async-collection/babitalk/start', json={...})
        HttpResponse<String> started = send("POST", "/api/v1/async-collection/babitalk/start",
                "{\"target_date\": \"2025-01-01\", \"categories\": [\"reviews\", \"talks\"], \"limit\": 24}");
        assertEquals(202, started.statusCode(), started.body());
        String taskId = Json.parse(started.body()).get("task_id").asText();

        // the polling loop reads status, progress, total, current_step until a final status
        JsonNode status;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            HttpResponse<String> polled = send("GET", "/api/v1/async-collection/task/" + taskId, null);
            assertEquals(200, polled.statusCode());
            assertTrue(polled.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            status = Json.parse(polled.body());
            assertTrue(status.get("current_step").isTextual());
            assertTrue(status.get("progress").asInt() <= status.get("total").asInt());
            Thread.sleep(20);
        } while (!List.of("completed", "failed", "cancelled").contains(status.get("status").asText())
                && System.nanoTime() < deadline);
        assertEquals("completed", status.get("status").asText(), status.toString());
        assertEquals(30, status.get("progress").asInt(), "3 batches of 5 posts in each of 2 categories");
        assertTrue(status.get("result_summary").has("totals"));

        JsonNode list = Json.parse(send("GET", "/api/v1/async-collection/tasks", null).body());
        assertTrue(list.get("tasks").size() >= 1);
        JsonNode summary = Json.parse(send("GET", "/api/v1/async-collection/status/summary", null).body());
        assertTrue(summary.get("total_tasks").asInt() >= 1);

        assertEquals(409, send("DELETE", "/api/v1/async-collection/task/" + taskId, null).statusCode(),
                "a finished task cannot be cancelled");
    }

    @Test
    void httpLevelMistakesAreClear4xxWithJsonBodies() throws Exception {
        HttpResponse<String> notJson = send("POST", "/api/v1/async-collection/babitalk/start", "target_date=2025-01-01");
        assertEquals(400, notJson.statusCode());
        assertEquals("body", Json.parse(notJson.body()).get("field").asText());
        HttpResponse<String> big = send("POST", "/api/v1/async-collection/babitalk/start",
                "{\"x\": \"" + "y".repeat(65 * 1024) + "\"}");
        assertEquals(413, big.statusCode());
        HttpResponse<String> wrong = send("PATCH", "/api/v1/async-collection/tasks", "{}");
        assertEquals(405, wrong.statusCode());
        assertEquals("GET", wrong.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> unknown = send("GET", "/api/v2/whatever", null);
        assertEquals(404, unknown.statusCode());
        assertTrue(Json.parse(unknown.body()).has("error"));
        assertEquals(400, send("GET", "/api/v1/async-collection/task/1234", null).statusCode());
    }

    @Test
    void preferWaitAnswersOnTheNextChangeWithRetryAfterUntilFinal() throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/async-collection/babitalk/start",
                "{\"target_date\": \"2025-01-01\", \"categories\": [\"reviews\"], \"limit\": 15}");
        assertEquals(202, started.statusCode());
        assertTrue(started.headers().firstValue("Retry-After").isPresent());
        String path = "/api/v1/async-collection/task/" + Json.parse(started.body()).get("task_id").asText();
        JsonNode seen = Json.parse(send("GET", path, null).body());
        int reads = 0;
        while (!List.of("completed", "failed", "cancelled").contains(seen.get("status").asText())) {
            HttpResponse<String> r = send("GET", path, null, "Prefer", "wait=20");
            assertEquals("wait=20", r.headers().firstValue("Preference-Applied").orElse(""));
            JsonNode now = Json.parse(r.body());
            boolean changed = !now.get("status").equals(seen.get("status")) || !now.get("progress").equals(seen.get("progress"));
            // A wait answers on a change; only a task that really stood still for 20 s comes back unchanged.
            assertTrue(changed || now.get("status").asText().equals("pending"), seen + " -> " + now);
            assertEquals(!List.of("completed", "failed", "cancelled").contains(now.get("status").asText()),
                    r.headers().firstValue("Retry-After").isPresent(), "Retry-After exactly while not final: " + now);
            seen = now;
            assertTrue(++reads < 20, "3 batches of 5 posts need a handful of waits, not " + reads);
        }
        assertEquals("completed", seen.get("status").asText());
        HttpResponse<String> ignored = send("GET", path, null, "Prefer", "wait=abc");
        assertTrue(ignored.headers().firstValue("Preference-Applied").isEmpty(), "an invalid wait is ignored");
    }

    @Test
    void recordsComeOutAsCsvAndNdjsonOverHttp() throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/async-collection/babitalk/start",
                "{\"target_date\": \"2025-01-01\", \"categories\": [\"talks\"], \"limit\": 10}");
        String id = Json.parse(started.body()).get("task_id").asText();
        String path = "/api/v1/async-collection/task/" + id;
        JsonNode t;
        do {
            t = Json.parse(send("GET", path, null, "Prefer", "wait=20").body());
        } while (!List.of("completed", "failed", "cancelled").contains(t.get("status").asText()));
        int items = Json.parse(send("GET", path + "/items?limit=200", null).body()).get("items").size();
        assertTrue(items > 0);

        HttpResponse<String> csv = send("GET", path + "/items", null, "Accept", "text/csv");
        assertEquals(200, csv.statusCode());
        assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("Content-Type").orElse(""));
        assertTrue(csv.body().startsWith("\uFEFFplatform,category,kind,source_id,"), csv.body());
        HttpResponse<String> ndjson = send("GET", path + "/items?format=ndjson", null);
        assertEquals(items, ndjson.body().split("\n").length);
        assertEquals(406, send("GET", path + "/items", null, "Accept", "application/xml").statusCode());
        assertEquals(400, send("GET", path + "/items?format=xlsx", null).statusCode());
    }

    @Test
    void theDocumentAndSwaggerUiAreServedBesideTheApi() throws Exception {
        HttpResponse<String> doc = send("GET", "/openapi.json", null);
        assertEquals(200, doc.statusCode());
        JsonNode openapi = Json.parse(doc.body());
        assertEquals("3.1.0", openapi.get("openapi").asText());
        assertEquals(runner.baseUrl(), openapi.at("/servers/0/url").asText().replace("127.0.0.1", "localhost"));
        HttpResponse<String> docs = send("GET", "/docs", null);
        assertEquals(200, docs.statusCode());
        assertTrue(docs.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertTrue(docs.body().contains("swagger-ui"));
        HttpResponse<String> bundle = send("GET", "/docs/swagger-ui-bundle.js", null);
        assertEquals(200, bundle.statusCode());
        String etag = bundle.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, send("GET", "/docs/swagger-ui-bundle.js", null, "If-None-Match", etag).statusCode());
        assertEquals(404, send("GET", "/docs/nope.js", null).statusCode());
        assertEquals(405, send("POST", "/openapi.json", "{}").statusCode());
        assertTrue(ContractHttp.checked() > 0);
    }
}
