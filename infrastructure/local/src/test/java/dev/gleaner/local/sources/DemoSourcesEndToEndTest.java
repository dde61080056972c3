package dev.gleaner.local.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.Collectors;
import dev.gleaner.collectors.SourceEndpoints;
import dev.gleaner.core.task.Platform;
import dev.gleaner.local.LocalOptions;
import dev.gleaner.local.LocalRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --demo}: the guide's own Python and JavaScript requests, sent unchanged (target_date
 * 2025-01-01 included), complete against the built-in sample sources with the production
 * collectors, offline; and a source whose host does not resolve fails at once, naming the host
 * and the variable to set.
 */
class DemoSourcesEndToEndTest {
    private static LocalRunner runner;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null).withDemo(true));
        api = new ApiClient(runner.baseUrl());
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @Test
    void theGuidesPythonAndJavaScriptExamplesCompleteACollection() throws Exception {
        // requests.post('http://localhost:8000/api/v1/async-collection/babitalk/start', json={...}) in the guide
        String python = api.start("babitalk", "{\"target_date\": \"2025-01-01\", \"categories\": [\"reviews\", \"talks\"], \"limit\": 24}");
        // fetch('http://localhost:8000/api/v1/async-collection/gangnamunni/start', {...}) in the guide
        String js = api.start("gangnamunni", "{\"target_date\": \"2025-01-01\", \"categories\": [\"hospital_question\", \"review\"],"
                + " \"save_as_reviews\": true}");
        for (String id : List.of(python, js)) {
            List<JsonNode> states = api.pollUntilFinished(id, Duration.ofMinutes(3));
            JsonNode done = states.get(states.size() - 1);
            assertEquals("completed", done.get("status").asText(), done.toString());
            assertTrue(done.get("progress").asInt() > 0, "posts were collected: " + done);
            assertEquals(done.get("progress").asInt(), done.get("total").asInt(), done.toString());
            assertEquals("2025-01-01", done.get("request").get("target_date").asText());
            for (JsonNode item : api.items(id, 200)) {
                String seoulDay = Instant.parse(item.get("created_at").asText()).atZone(ZoneId.of("Asia/Seoul"))
                        .toLocalDate().toString();
                assertEquals("2025-01-01", seoulDay, item.toString());
                assertFalse(item.get("body").asText("").isBlank(), item.toString());
            }
        }
        JsonNode babitalk = api.task(python).get("result_summary");
        assertTrue(babitalk.get("categories").get("reviews").get("collected").asInt() >= 1, babitalk.toString());
        assertTrue(babitalk.get("categories").get("talks").get("collected").asInt() >= 3, "a post a day on each of 3 services");
    }

    @Test
    void recentDaysHaveSeveralPostsWithCommentsOnEveryPlatform() throws Exception {
        String yesterday = LocalDate.now(ZoneId.of("Asia/Seoul")).minusDays(1).toString();
        String naver = api.start("naver", "{\"cafe_id\": \"10912875\", \"target_date\": \"" + yesterday + "\", \"menu_id\": \"38\","
                + " \"per_page\": 20, \"naver_cookies\": \"your_cookies_here\"}");
        String talks = api.start("babitalk", "{\"target_date\": \"" + yesterday + "\", \"categories\": [\"talks\"]}");
        int comments = 0;
        for (String id : List.of(naver, talks)) {
            List<JsonNode> states = api.pollUntilFinished(id, Duration.ofMinutes(3));
            JsonNode done = states.get(states.size() - 1);
            assertEquals("completed", done.get("status").asText(), done.toString());
            assertTrue(done.get("progress").asInt() >= 3, "several posts a day recently: " + done);
            for (JsonNode item : api.items(id, 200)) {
                comments += item.get("comments").size();
            }
        }
        assertTrue(comments > 0, "some posts carry comments");
        List<JsonNode> board = api.records("naver", "자유&수다", yesterday);
        assertFalse(board.isEmpty(), "Naver records are stored under the board's name");
    }

    @Test
    void aSourceHostThatDoesNotResolveFailsFastNamingItAndTheVariable() throws Exception {
        CollectorOptions unresolvable = CollectorOptions.fromEnv().withEndpoints(new SourceEndpoints(
                "https://web-api.babitalk.invalid", "https://www.gangnamunni.invalid", "https://env.gnsister.invalid",
                "https://apis.naver.invalid", "https://article.cafe.naver.invalid"));
        try (LocalRunner offline = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null),
                new LocalRunner.Overrides(p -> collector(p, unresolvable), null))) {
            ApiClient client = new ApiClient(offline.baseUrl());
            String id = client.start("babitalk", "{\"categories\": [\"reviews\"]}");
            long t0 = System.nanoTime();
            List<JsonNode> states = client.pollUntilFinished(id, Duration.ofSeconds(60));
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            JsonNode done = states.get(states.size() - 1);
            assertEquals("failed", done.get("status").asText(), done.toString());
            assertTrue(done.get("error").asText().contains(
                    "host not found: web-api.babitalk.invalid (set BABITALK_API_URL to use another origin)"), done.toString());
            System.out.println("an unresolvable source failed the task in " + seconds + " s: " + done.get("error").asText());
        }
    }

    private static Collector collector(Platform p, CollectorOptions options) {
        return Collectors.forPlatform(p, options);
    }
}
