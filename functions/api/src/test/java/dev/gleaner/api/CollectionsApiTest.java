package dev.gleaner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every collection route, status code and validation rule, through the real handlers on DynamoDB Local. */
class CollectionsApiTest {
    private static final String BASE = Endpoints.COLLECTIONS;
    private final TestApi t = new TestApi();

    private String start(String platform, String body) {
        TestApi.Response r = t.call("POST", BASE + "/" + platform + "/start", body);
        assertEquals(202, r.status(), r.toString());
        return r.json().get("task_id").asText();
    }

    @Test
    void startAnswers202WithTheGuidesMessageAndALocation() throws Exception {
        TestApi.Response r = t.call("POST", BASE + "/babitalk/start",
                "{\"target_date\": \"2025-01-01\", \"categories\": [\"reviews\", \"talks\"], \"limit\": 24}");
        assertEquals(202, r.status());
        String id = r.json().get("task_id").asText();
        assertEquals("바비톡 데이터 수집이 시작되었습니다. 작업 ID: " + id, r.json().get("message").asText());
        assertEquals(BASE + "/task/" + id, r.header("Location"));
        assertEquals(List.of(id), t.launcher.started);

        JsonNode task = t.call("GET", BASE + "/task/" + id).json();
        assertEquals(List.of("id", "type", "status", "progress", "total", "current_step", "created_at", "started_at",
                "completed_at", "error", "result_summary", "logs", "request"), fieldNames(task));
        assertEquals(Json.parse("{\"target_date\": \"2025-01-01\", \"end_date\": \"2025-01-01\", \"categories\":"
                + " [\"reviews\", \"talks\"], \"limit\": 24, \"callback_url\": null}"), task.get("request"));
        assertEquals("babitalk_collect", task.get("type").asText());
        assertEquals("pending", task.get("status").asText());
        assertEquals(0, task.get("progress").asInt());
        assertEquals(48, task.get("total").asInt(), "limit x categories");
        assertEquals("2099-01-02T03:00:00Z", task.get("created_at").asText());
        assertTrue(task.get("started_at").isNull());
        assertTrue(task.get("result_summary").isObject());
        assertTrue(task.get("logs").get(0).asText().matches("\\[\\d\\d:\\d\\d:\\d\\d] .+"));
    }

    @Test
    void everyPlatformStartsWithItsOwnNameAndType() {
        String g = start("gangnamunni", "{\"categories\": [\"hospital_question\", \"review\"], \"save_as_reviews\": true}");
        String n = start("naver", "{\"cafe_id\": \"10912875\", \"target_date\": \"2025-01-01\", \"menu_id\": \"\", "
                + "\"per_page\": 20, \"naver_cookies\": \"NID_AUT=abc; NID_SES=def\"}");
        assertEquals("gangnamunni_collect", t.call("GET", BASE + "/task/" + g).json().get("type").asText());
        JsonNode naver = t.call("GET", BASE + "/task/" + n).json();
        assertEquals("naver_collect", naver.get("type").asText());
        assertFalse(naver.toString().contains("NID_AUT"), "cookies are never returned");
    }

    @Test
    void theTaskShowsWhatItCollectsWithDefaultsFilledInAndNoSecret() throws Exception {
        JsonNode g = t.call("GET", BASE + "/task/" + start("gangnamunni", "{\"token\": \"gu-secret-9\"}")).json();
        assertEquals(Json.parse("{\"target_date\": \"2099-01-01\", \"end_date\": \"2099-01-01\", \"categories\":"
                + " [\"hospital_question\", \"surgery_question\", \"free_chat\", \"review\", \"ask_doctor\"], \"limit\": 0,"
                + " \"save_as_reviews\": false, \"callback_url\": null}"), g.get("request"));
        JsonNode n = t.call("GET", BASE + "/task/" + start("naver", "{\"cafe_id\": 10912875, \"menu_id\": \"39, 38\","
                + " \"end_date\": \"2025-01-01\", \"target_date\": \"2024-12-30\", \"naver_cookies\": \"NID_SES=nsecret\"}")).json();
        assertEquals(Json.parse("{\"cafe_id\": \"10912875\", \"menu_id\": \"39,38\", \"per_page\": 20,"
                + " \"target_date\": \"2024-12-30\", \"end_date\": \"2025-01-01\", \"limit\": 0, \"callback_url\": null}"),
                n.get("request"));
        String listed = t.call("GET", BASE + "/tasks").raw().getBody();
        assertFalse(listed.contains("gu-secret-9") || listed.contains("nsecret"), listed);
        assertTrue(listed.contains("\"request\""), "the list shows each task's request too");
    }

    @Test
    void defaultsApplyToAnEmptyBody() {
        String id = start("babitalk", "");
        assertEquals(0, t.call("GET", BASE + "/task/" + id).json().get("total").asInt());
        assertEquals("2099-01-01", t.call("GET", BASE + "/task/" + id).json().get("request").get("target_date").asText(),
                "and the task says which day it collects");
        assertEquals("2099-01-01", t.store.get(id).orElseThrow().request().targetDate().toString(),
                "yesterday in Asia/Seoul (it is 12:00 on 2099-01-02 there)");
        assertEquals(List.of("reviews", "talks", "event_ask_memos"), t.store.get(id).orElseThrow().request().categories());
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("babitalk", "{\"target_date\": \"2025/01/01\"}", "target_date"),
                Arguments.of("babitalk", "{\"target_date\": \"2025-02-30\"}", "target_date"),
                Arguments.of("babitalk", "{\"target_date\": 20250101}", "target_date"),
                Arguments.of("babitalk", "{\"target_date\": \"2100-01-01\"}", "target_date"),
                Arguments.of("babitalk", "{\"target_date\": \"2025-01-01\", \"end_date\": \"2024-12-31\"}", "end_date"),
                Arguments.of("babitalk", "{\"target_date\": \"2024-01-01\", \"end_date\": \"2024-03-01\"}", "end_date"),
                Arguments.of("babitalk", "{\"categories\": \"reviews\"}", "categories"),
                Arguments.of("babitalk", "{\"categories\": []}", "categories"),
                Arguments.of("babitalk", "{\"categories\": [\"reviews\", \"free_chat\"]}", "categories"),
                Arguments.of("babitalk", "{\"limit\": -1}", "limit"),
                Arguments.of("babitalk", "{\"limit\": 10001}", "limit"),
                Arguments.of("babitalk", "{\"limit\": \"24\"}", "limit"),
                Arguments.of("babitalk", "{\"limit\": 2.5}", "limit"),
                Arguments.of("babitalk", "{\"callback_url\": \"ftp://example.com/hook\"}", "callback_url"),
                Arguments.of("babitalk", "{\"callback_url\": \"http://127.0.0.1:9000/hook\"}", "callback_url"),
                Arguments.of("babitalk", "[1, 2]", "body"),
                Arguments.of("gangnamunni", "{\"save_as_reviews\": \"yes\"}", "save_as_reviews"),
                Arguments.of("gangnamunni", "{\"categories\": [\"reviews\"]}", "categories"),
                Arguments.of("gangnamunni", "{\"token\": 12345}", "token"),
                Arguments.of("naver", "{}", "cafe_id"),
                Arguments.of("naver", "{\"cafe_id\": \"abc\"}", "cafe_id"),
                Arguments.of("naver", "{\"cafe_id\": \"1\", \"per_page\": 0}", "per_page"),
                Arguments.of("naver", "{\"cafe_id\": \"1\", \"per_page\": 51}", "per_page"),
                Arguments.of("naver", "{\"cafe_id\": \"1\", \"menu_id\": \"38,abc\"}", "menu_id"),
                Arguments.of("naver", "{\"cafe_id\": \"1\", \"menu_id\": [38]}", "menu_id"),
                Arguments.of("naver", "{\"cafe_id\": \"1\", \"naver_cookies\": {\"a\": 1}}", "naver_cookies"));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void invalidStartBodiesAnswer400NamingTheField(String platform, String body, String field) {
        TestApi.Response r = t.call("POST", BASE + "/" + platform + "/start", body);
        assertEquals(400, r.status(), r.toString());
        assertEquals(field, r.json().get("field").asText(), r.toString());
        assertFalse(r.json().get("error").asText().isBlank());
        assertTrue(t.launcher.started.isEmpty(), "nothing starts on a bad request");
    }

    @Test
    void secretsNeverAppearInErrorMessages() {
        TestApi.Response r = t.call("POST", BASE + "/naver/start",
                "{\"cafe_id\": \"x\", \"naver_cookies\": \"NID_SES=topsecret\"}");
        assertEquals(400, r.status());
        assertFalse(r.raw().getBody().contains("topsecret"));
    }

    static Stream<Arguments> unknownFields() {
        return Stream.of(
                Arguments.of("babitalk", "{\"target_data\": \"2025-01-01\"}", "target_data", "did you mean target_date?"),
                Arguments.of("babitalk", "{\"targetDate\": \"2025-01-01\"}", "targetDate", "did you mean target_date?"),
                Arguments.of("babitalk", "{\"categorys\": [\"reviews\"]}", "categorys", "did you mean categories?"),
                Arguments.of("babitalk", "{\"limt\": 5}", "limt", "did you mean limit?"),
                Arguments.of("babitalk", "{\"foo\": 1}", "foo", "unknown field 'foo' (the fields of a babitalk start:"),
                Arguments.of("babitalk", "{\"cafe_id\": \"1\"}", "cafe_id", "is a field of a naver start"),
                Arguments.of("babitalk", "{\"save_as_reviews\": true}", "save_as_reviews", "a gangnamunni start"),
                Arguments.of("gangnamunni", "{\"save_as_review\": true}", "save_as_review", "did you mean save_as_reviews?"),
                Arguments.of("gangnamunni", "{\"tokn\": \"x\"}", "tokn", "did you mean token?"),
                Arguments.of("naver", "{\"cafe_id\": \"1\", \"menuid\": \"38\"}", "menuid", "did you mean menu_id?"),
                Arguments.of("naver", "{\"cafe_id\": \"1\", \"naver_cookie\": \"x\"}", "naver_cookie",
                        "did you mean naver_cookies?"),
                Arguments.of("naver", "{\"cafe_id\": \"1\", \"categories\": [\"a\"]}", "categories", "a babitalk start or"));
    }

    @ParameterizedTest
    @MethodSource("unknownFields")
    void unknownFieldsAre400NamingTheFieldAndTheClosestKnownOne(String platform, String body, String field, String hint) {
        TestApi.Response r = t.call("POST", BASE + "/" + platform + "/start", body);
        assertEquals(400, r.status(), r.toString());
        assertEquals(field, r.json().get("field").asText(), r.toString());
        assertTrue(r.json().get("error").asText().contains(hint), r.toString());
        assertTrue(t.launcher.started.isEmpty(), "nothing starts, and nothing collects yesterday by mistake");
    }

    @Test
    void unknownFieldsNeverEchoASecretValueAndHugeNamesAreCut() {
        TestApi.Response r = t.call("POST", BASE + "/naver/start", "{\"cafe_id\": \"1\", \"naver_cookes\": \"NID_SES=topsecret\"}");
        assertEquals(400, r.status());
        assertFalse(r.raw().getBody().contains("topsecret"), r.toString());
        String longName = "k".repeat(40_000);
        TestApi.Response big = t.call("POST", BASE + "/babitalk/start", "{\"" + longName + "\": 1}");
        assertEquals(400, big.status());
        assertTrue(big.raw().getBody().length() < 2_000, "the 40,000-character name is not echoed whole");
    }

    @Test
    void numbersAreAcceptedWhereTheyAreWhole() {
        String id = start("naver", "{\"cafe_id\": 10912875, \"menu_id\": \"38, 39,38\", \"limit\": 5.0}");
        assertEquals(List.of("38", "39"), t.store.get(id).orElseThrow().request().menuIds());
        assertEquals("10912875", t.store.get(id).orElseThrow().request().cafeId());
    }

    @Test
    void malformedJsonOversizedBodiesWrongMethodsAndUnknownRoutesAreClear4xx() {
        TestApi.Response bad = t.call("POST", BASE + "/babitalk/start", "{\"limit\": ");
        assertEquals(400, bad.status());
        assertEquals("body", bad.json().get("field").asText());

        String huge = "{\"pad\": \"" + "x".repeat(70 * 1024) + "\"}";
        TestApi.Response big = t.call("POST", BASE + "/babitalk/start", huge);
        assertEquals(413, big.status());
        assertEquals("body", big.json().get("field").asText(), "every 413 names the field...");
        assertTrue(big.json().get("error").asText().contains("65536 bytes (64 KiB)"), "...and the limit: " + big);

        // Wrong methods and paths that are no endpoint are API Gateway's answers (405, 404): the
        // local runner's ApiDispatcherTest checks them. An unknown platform is the handler's 404.
        assertEquals(404, t.call("POST", BASE + "/instagram/start", "{}").status());

        assertEquals(400, t.call("GET", BASE + "/task/%ZZ").status(), "a malformed escape is a 400, not a 500");
        TestApi.Response notUuid = t.call("GET", BASE + "/task/not-a-uuid");
        assertEquals(400, notUuid.status());
        assertEquals("task_id", notUuid.json().get("field").asText());
        assertEquals(404, t.call("GET", BASE + "/task/" + UUID.randomUUID()).status());
        assertEquals(404, t.call("DELETE", BASE + "/task/" + UUID.randomUUID()).status());
        for (String path : List.of("/tasks/not-a-uuid", "/tasks/not-a-uuid/result", BASE + "/task/x/items")) {
            TestApi.Response malformedId = t.call("GET", path);
            assertEquals(400, malformedId.status(), "a malformed id is a 400 on every route: " + path);
            assertEquals("task_id", malformedId.json().get("field").asText());
        }
        assertEquals(400, t.call("DELETE", BASE + "/task/x").status());
        assertEquals(404, t.call("GET", "/tasks/" + UUID.randomUUID()).status());
    }

    static Stream<Arguments> jacksonLimits() {
        String deep = "[".repeat(3_000) + "]".repeat(3_000);
        return Stream.of(
                Arguments.of("a 1,200-digit number", "{\"limit\": " + "9".repeat(1_200) + "}"),
                Arguments.of("a 1,200-digit decimal", "{\"limit\": 0." + "1".repeat(1_200) + "}"),
                Arguments.of("3,000 nested arrays", "{\"categories\": " + deep + "}"),
                Arguments.of("3,000 nested arrays at the top", deep),
                Arguments.of("a 60,000-character key", "{\"" + "k".repeat(60_000) + "\": 1}"),
                Arguments.of("a duplicated field", "{\"limit\": 1, \"limit\": 2}"),
                Arguments.of("something after the JSON", "{\"limit\": 1} {\"limit\": 2}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jacksonLimits")
    void bodiesOverJacksonsLimitsAre400OnEveryPostRoute(String name, String body) {
        for (String path : List.of(BASE + "/babitalk/start", BASE + "/gangnamunni/start", BASE + "/naver/start", "/scrape")) {
            TestApi.Response r = t.call("POST", path, body);
            assertEquals(400, r.status(), name + " on " + path + ": " + r);
            assertFalse(r.json().get("error").asText().contains("StreamReadConstraints"), r.toString());
            assertTrue(r.raw().getBody().length() < 2_000, r.toString());
        }
        assertTrue(t.launcher.started.isEmpty());
    }

    @Test
    void noInputMakesAnyRouteAnswer500() {
        List<String> bodies = List.of("", "null", "[]", "\"text\"", "42", "{", "{\"a\":", "\u0000", "{\"limit\": 1e400}",
                "{\"target_date\": null, \"categories\": [null]}", "{\"categories\": [1, 2]}", "{\"cafe_id\": -1}",
                "{\"url\": {\"x\": 1}}", "{\"limit\": 99999999999999999999999}", "{\"per_page\": true}");
        List<String> paths = List.of("/babitalk/start", "/gangnamunni/start", "/naver/start", "/x/start", "/tasks",
                "/status/summary", "/task/" + UUID.randomUUID(), "/task/%E0%A4%A", "/task//items", "/records");
        for (String path : paths) {
            for (String method : List.of("GET", "POST", "DELETE", "PATCH")) {
                for (String body : bodies) {
                    TestApi.Response r = t.call(method, BASE + path, body, Map.of("limit", List.of(body),
                            "next_token", List.of(body), "status", List.of(body), "platform", List.of(body)));
                    assertTrue(r.status() >= 200 && r.status() < 500, method + " " + path + " " + body + " -> " + r);
                    r.json(); // always a JSON body
                }
            }
        }
    }

    @Test
    void cancelStopsAPendingTaskAndRefusesAFinishedOne() {
        String id = start("babitalk", "{}");
        t.slots.poll(id, id, Instant.now().plusSeconds(3600), true);
        TestApi.Response r = t.call("DELETE", BASE + "/task/" + id);
        assertEquals(200, r.status(), r.toString());
        assertEquals("cancelled", r.json().get("status").asText());
        assertNotNull(r.json().get("completed_at").textValue());
        assertEquals(List.of(id), t.launcher.stopped);
        assertEquals(0, t.slots.holderCount(), "the slot is released");

        TestApi.Response again = t.call("DELETE", BASE + "/task/" + id);
        assertEquals(409, again.status());
        assertEquals(List.of(id), t.launcher.stopped, "stopped exactly once");

        String done = start("babitalk", "{}");
        assertTrue(t.store.markRunning(done, null, t.clock.instant(), "수집 중", "[00:00:00] go"));
        t.store.finish(done, TaskStatus.COMPLETED, Json.object(), null, "완료", "[00:00:01] done", t.clock.instant());
        assertEquals(409, t.call("DELETE", BASE + "/task/" + done).status());
        assertEquals("completed", t.call("GET", BASE + "/task/" + done).json().get("status").asText());
    }

    @Test
    void aFinishedTaskGetsA24HourExpiryAndThenDisappearsFromEveryRoute() {
        String id = start("babitalk", "{}");
        t.call("DELETE", BASE + "/task/" + id);
        Map<String, AttributeValue> item = t.tables.client().getItem(b -> b.tableName(t.tables.tasks())
                .key(Map.of("id", AttributeValue.fromS(id)))).item();
        long expires = Long.parseLong(item.get("expires_at").n());
        assertEquals(t.clock.instant().plus(Duration.ofHours(24)).getEpochSecond(), expires);

        // The summary reads a secondary index (eventually consistent): wait for the cancel to show.
        eventually(() -> t.call("GET", BASE + "/status/summary").json(), j -> j.get("cancelled").asInt() == 1);
        t.clock.advance(Duration.ofHours(24).plusSeconds(1));
        // DynamoDB Local never deletes the item: our reads must hide it.
        assertEquals(404, t.call("GET", BASE + "/task/" + id).status());
        assertEquals(404, t.call("DELETE", BASE + "/task/" + id).status());
        assertEquals(0, t.call("GET", BASE + "/tasks").json().get("tasks").size());
        JsonNode summary = t.call("GET", BASE + "/status/summary").json();
        assertEquals(0, summary.get("total_tasks").asInt());
        assertEquals(0, summary.get("cancelled").asInt());
        assertEquals(10, summary.get("max_running").asInt(), "the slots there are (GLEANER_MAX_RUNNING, default 10)");
        assertEquals(0, t.call("GET", BASE + "/tasks", null, Map.of("status", List.of("cancelled"))).json()
                .get("tasks").size());
    }

    @Test
    void listingIsNewestFirstAndPaginationReturnsEveryTaskExactlyOnce() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ids.add(start(i % 3 == 0 ? "gangnamunni" : "babitalk", "{}"));
            t.clock.advance(Duration.ofMillis(1500));
        }
        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        // the listing reads an index, which shows the newest writes a moment later
        List<String> seen = eventually(() -> {
            List<String> all = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                Map<String, List<String>> q = token == null ? Map.of("limit", List.of("5"))
                        : Map.of("limit", List.of("5"), "next_token", List.of(token));
                JsonNode page = t.call("GET", BASE + "/tasks", null, q).json();
                page.get("tasks").forEach(task -> all.add(task.get("id").asText()));
                token = page.get("next_token").isNull() ? null : page.get("next_token").asText();
                pages++;
            } while (token != null && pages < 20);
            return all;
        }, all -> all.size() >= ids.size());
        assertEquals(newestFirst, seen);
        assertEquals(new HashSet<>(ids).size(), new HashSet<>(seen).size());

        JsonNode gn = t.call("GET", BASE + "/tasks", null, Map.of("type", List.of("gangnamunni_collect"),
                "limit", List.of("3"))).json();
        assertEquals(3, gn.get("tasks").size());
        gn.get("tasks").forEach(task -> assertEquals("gangnamunni_collect", task.get("type").asText()));
        Set<String> allGn = new HashSet<>();
        String tok = null;
        do {
            Map<String, List<String>> q = new HashMap<>(Map.of("type", List.of("gangnamunni_collect"),
                    "limit", List.of("3")));
            if (tok != null) {
                q.put("next_token", List.of(tok));
            }
            JsonNode page = t.call("GET", BASE + "/tasks", null, q).json();
            page.get("tasks").forEach(task -> assertTrue(allGn.add(task.get("id").asText()), "seen twice"));
            tok = page.get("next_token").isNull() ? null : page.get("next_token").asText();
        } while (tok != null);
        assertEquals(8, allGn.size());
    }

    @Test
    void listFiltersByStatusAndValidatesItsQuery() {
        String a = start("babitalk", "{}");
        String b = start("babitalk", "{}");
        t.call("DELETE", BASE + "/task/" + a);
        JsonNode pending = eventually(() -> t.call("GET", BASE + "/tasks", null, Map.of("status", List.of("pending"))).json(),
                j -> j.get("tasks").size() == 1);
        assertEquals(b, pending.get("tasks").get(0).get("id").asText());
        assertTrue(pending.get("next_token").isNull());

        assertEquals("status", t.call("GET", BASE + "/tasks", null, Map.of("status", List.of("done"))).json()
                .get("field").asText());
        assertEquals("type", t.call("GET", BASE + "/tasks", null, Map.of("type", List.of("x"))).json()
                .get("field").asText());
        assertEquals("limit", t.call("GET", BASE + "/tasks", null, Map.of("limit", List.of("201"))).json()
                .get("field").asText());
        assertEquals("limit", t.call("GET", BASE + "/tasks", null, Map.of("limit", List.of("0"))).json()
                .get("field").asText());
        assertEquals("next_token", t.call("GET", BASE + "/tasks", null, Map.of("next_token", List.of("garbage"))).json()
                .get("field").asText());
    }

    @Test
    void summaryCountsEveryStatus() {
        // Today, not the fixture's 2025: DynamoDB Local's TTL sweeper really deletes items whose
        // expires_at has passed in real time, now and then before the summary reads them (the
        // cancelled task below expires 24 h after it finished).
        t.clock.advance(Duration.between(t.clock.instant(), Instant.now()));
        start("babitalk", "{}");
        String running = start("babitalk", "{}");
        String cancelled = start("naver", "{\"cafe_id\": \"1\"}");
        t.store.markRunning(running, null, Instant.now(), "수집 중", "[00:00:00] go");
        t.call("DELETE", BASE + "/task/" + cancelled);
        // The summary reads a secondary index, which DynamoDB updates shortly after the write
        // (eventually consistent, on AWS as in DynamoDB Local): poll briefly, as a client would.
        JsonNode s = eventually(() -> t.call("GET", BASE + "/status/summary").json(),
                j -> j.get("total_tasks").asInt() == 3 && j.get("running").asInt() == 1);
        // The contract's fields, then max_running: the slots there are (the console shows "1 / 10 running").
        assertEquals(List.of("total_tasks", "pending", "running", "completed", "failed", "cancelled", "timestamp",
                "max_running"), fieldNames(s));
        assertEquals(3, s.get("total_tasks").asInt());
        assertEquals(1, s.get("pending").asInt());
        assertEquals(1, s.get("running").asInt());
        assertEquals(1, s.get("cancelled").asInt());
        assertEquals(Timestamps.format(t.clock.instant()), s.get("timestamp").asText());
    }

    @Test
    void secretsLiveOnlyInTheStoreAndAreDeletedWhenTheTaskEnds() {
        String id = start("gangnamunni", "{\"token\": \"gu-token-123\"}");
        assertEquals("gu-token-123", t.store.secrets(id).gangnamunniToken());
        assertFalse(t.call("GET", BASE + "/task/" + id).raw().getBody().contains("gu-token-123"));
        assertFalse(t.call("GET", BASE + "/tasks").raw().getBody().contains("gu-token-123"));
        t.call("DELETE", BASE + "/task/" + id);
        Map<String, AttributeValue> item = t.tables.client().getItem(b -> b.tableName(t.tables.tasks())
                .key(Map.of("id", AttributeValue.fromS(id)))).item();
        assertFalse(item.containsKey("secret_token"));
        assertNull(t.store.secrets(id).gangnamunniToken());
    }

    /**
     * Reads until {@code done} holds: the summary and the lists read secondary indexes, which catch up
     * with a write a little later (on AWS as in DynamoDB Local), and later still on a busy machine.
     * Bounded by a generous deadline that only a real bug reaches, and then it says what it saw.
     */
    static <T> T eventually(Supplier<T> read, Predicate<T> done) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(read::get, done::test);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
