package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.Collectors;
import dev.gleaner.collectors.SourceEndpoints;
import dev.gleaner.core.json.Json;
import dev.gleaner.local.LocalOptions;
import dev.gleaner.local.LocalRunner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The collections API over loopback HTTP, as a client polls it. */
final class Api {
    static final String BASE = "/api/v1/async-collection";
    private static final List<String> FINAL = List.of("completed", "failed", "cancelled");

    final String baseUrl;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A runner in this JVM whose collectors (the real ones, delays 0) read from {@code source}. */
    static LocalRunner runnerReading(PageServer source) throws IOException {
        CollectorOptions options = CollectorOptions.fromEnv().withEndpoints(SourceEndpoints.allAt(source.origin()))
                .withDelayFactor(0);
        return LocalRunner.start(new LocalOptions("127.0.0.1", 0, null),
                new LocalRunner.Overrides(p -> Collectors.forPlatform(p, options), null));
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a Gangnam Unni collection of these pages' categories on their day. */
    String start(CommunityPages pages, int limit) throws IOException, InterruptedException {
        String categories = String.join(", ", pages.categories.stream().map(c -> "\"" + c + "\"").toList());
        HttpResponse<String> r = send("POST", BASE + "/gangnamunni/start", "{\"target_date\": \"" + CommunityPages.TARGET_DATE
                + "\", \"categories\": [" + categories + "], \"limit\": " + limit + "}");
        if (r.statusCode() != 202) {
            throw new IllegalStateException("start answered " + r.statusCode() + ": " + r.body());
        }
        return Json.parse(r.body()).get("task_id").asText();
    }

    JsonNode task(String id) throws IOException, InterruptedException {
        HttpResponse<String> r = send("GET", BASE + "/task/" + id, null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET task answered " + r.statusCode() + ": " + r.body());
        }
        return Json.parse(r.body());
    }

    /** Polls every {@code every} until the task is final; fails if it did not complete. */
    JsonNode awaitCompleted(String id, Duration every, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode t = task(id);
            if (FINAL.contains(t.get("status").asText())) {
                if (!t.get("status").asText().equals("completed")) {
                    throw new IllegalStateException("the task did not complete: " + t);
                }
                return t;
            }
            Thread.sleep(every.toMillis());
        }
        throw new IllegalStateException("the task did not finish within " + timeout);
    }
}
