package dev.gleaner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /task/{id}/items} and {@code /records} through the real handlers. */
class RecordsApiTest {
    private static final String BASE = Endpoints.COLLECTIONS;
    private final TestApi t = new TestApi();

    private static CollectedRecord naverPost(String id, String board) {
        return new CollectedRecord("naver", board, CollectedRecord.KIND_POST, "10912875", id,
                "https://cafe.naver.com/10912875/" + id, "제목 " + id, "본문", "닉", "2025-01-01T03:00:00Z", 10L, 1L, 0,
                null, null, null, null, null, List.of(), Json.object());
    }

    @Test
    void itemsOfATaskPageAndSurviveTheTasksExpiryInRecords() {
        String id = t.call("POST", BASE + "/naver/start", "{\"cafe_id\": \"10912875\"}").json().get("task_id").asText();
        List<CollectedRecord> page = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            page.add(naverPost(Integer.toString(1000 + i), "자유게시판"));
        }
        t.records.save(id, "38", 0, page);

        JsonNode first = t.call("GET", BASE + "/task/" + id + "/items", null, Map.of("limit", List.of("5"))).json();
        assertEquals(5, first.get("items").size());
        assertEquals("1000", first.get("items").get(0).get("source_id").asText());
        assertEquals("자유게시판", first.get("items").get(0).get("category").asText());
        assertTrue(first.get("items").get(0).has("comments"));
        JsonNode second = t.call("GET", BASE + "/task/" + id + "/items", null, Map.of("limit", List.of("5"),
                "next_token", List.of(first.get("next_token").asText()))).json();
        assertEquals(2, second.get("items").size());
        assertTrue(second.get("next_token").isNull());

        t.store.markRunning(id, null, t.clock.instant(), "수집 중", "[00:00:00] go");
        t.store.finish(id, TaskStatus.COMPLETED, Json.object(), null, "완료", "[00:00:01] done", t.clock.instant());
        t.clock.advance(Duration.ofHours(25));
        assertEquals(404, t.call("GET", BASE + "/task/" + id + "/items").status(), "the task has expired");
        JsonNode stored = t.call("GET", BASE + "/records", null, Map.of("platform", List.of("naver"),
                "category", List.of("자유게시판"), "date", List.of("2025-01-01"))).json();
        assertEquals(7, stored.get("items").size(), "records outlive their task");
    }

    @Test
    void recordsQueriesAreValidated() {
        assertEquals("platform", t.call("GET", BASE + "/records").json().get("field").asText());
        assertEquals("platform", t.call("GET", BASE + "/records", null, Map.of("platform", List.of("x"),
                "category", List.of("reviews"))).json().get("field").asText());
        assertEquals("category", t.call("GET", BASE + "/records", null, Map.of("platform", List.of("babitalk"))).json()
                .get("field").asText());
        assertEquals("category", t.call("GET", BASE + "/records", null, Map.of("platform", List.of("babitalk"),
                "category", List.of("free_chat"))).json().get("field").asText());
        assertEquals("date", t.call("GET", BASE + "/records", null, Map.of("platform", List.of("babitalk"),
                "category", List.of("reviews"), "date", List.of("yesterday"))).json().get("field").asText());
        for (String date : List.of("-0001-01-01", "+10000-01-01", "2025-1-1", "2025-02-30", "20250101")) {
            TestApi.Response r = t.call("GET", BASE + "/records", null, Map.of("platform", List.of("babitalk"),
                    "category", List.of("reviews"), "date", List.of(date)));
            assertEquals(400, r.status(), date + ": " + r);
            assertEquals("date", r.json().get("field").asText());
        }
        assertEquals("next_token", t.call("GET", BASE + "/records", null, Map.of("platform", List.of("babitalk"),
                "category", List.of("reviews"), "next_token", List.of("zzz"))).json().get("field").asText());
        assertEquals(200, t.call("GET", BASE + "/records", null, Map.of("platform", List.of("babitalk"),
                "category", List.of("reviews"))).status());
        assertEquals(404, t.call("GET", BASE + "/task/" + UUID.randomUUID() + "/items").status());
        assertEquals(400, t.call("GET", BASE + "/task/nope/items").status());
    }
}
