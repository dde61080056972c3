package dev.gleaner.local.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.local.ContractHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * The guide's client calls over HTTP against a running local runner. Every body it reads is kept
 * in {@link #seen}, so a test can check what the API ever answered.
 */
final class ApiClient {
    static final String BASE = "/api/v1/async-collection";
    private static final List<String> FINAL = List.of("completed", "failed", "cancelled");

    private final String baseUrl;
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = ContractHttp.send(b.build());
        seen.add(r.body());
        r.headers().map().forEach((k, v) -> seen.add(k + ": " + v));
        return r;
    }

    /** POST /{platform}/start: 202 with the task id and a Location header to the task. */
    String start(String platform, String body) throws Exception {
        HttpResponse<String> r = send("POST", BASE + "/" + platform + "/start", body);
        assertEquals(202, r.statusCode(), r.body());
        String id = Json.parse(r.body()).get("task_id").asText();
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/task/" + id), r.headers().map().toString());
        return id;
    }

    JsonNode task(String id) throws Exception {
        HttpResponse<String> r = send("GET", BASE + "/task/" + id, null);
        assertEquals(200, r.statusCode(), r.body());
        return Json.parse(r.body());
    }

    /** Polls as the guide's loop does (faster) and returns every state seen, the final one last. */
    List<JsonNode> pollUntilFinished(String id) throws Exception {
        return pollUntilFinished(id, Duration.ofSeconds(60));
    }

    List<JsonNode> pollUntilFinished(String id, Duration within) throws Exception {
        List<JsonNode> states = new ArrayList<>();
        Awaitility.await("task " + id + " finished").atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    JsonNode t = task(id);
                    states.add(t);
                    return t;
                }, t -> FINAL.contains(t.get("status").asText()));
        return states;
    }

    /** Every record of a task, through {@code next_token} pages of {@code pageSize}. */
    List<JsonNode> items(String id, int pageSize) throws Exception {
        return pages(BASE + "/task/" + id + "/items?limit=" + pageSize);
    }

    /** GET /records for one platform, category and Seoul date, every page. */
    List<JsonNode> records(String platform, String category, String date) throws Exception {
        return pages(BASE + "/records?platform=" + enc(platform) + "&category=" + enc(category)
                + (date == null ? "" : "&date=" + date) + "&limit=200");
    }

    private List<JsonNode> pages(String first) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 500; page++) {
            String path = token == null ? first : first + "&next_token=" + enc(token);
            HttpResponse<String> r = send("GET", path, null);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = Json.parse(r.body());
            body.get("items").forEach(all::add);
            token = body.get("next_token").isNull() ? null : body.get("next_token").asText();
            if (token == null) {
                return all;
            }
        }
        throw new AssertionError("more than 500 pages from " + first);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(String what, Check check) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(check::ok);
    }
}
