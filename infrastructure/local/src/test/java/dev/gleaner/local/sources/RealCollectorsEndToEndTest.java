package dev.gleaner.local.sources;

import static dev.gleaner.local.sources.SourceFixtures.CAFE;
import static dev.gleaner.local.sources.SourceFixtures.GU_REVIEWS_API;
import static dev.gleaner.local.sources.SourceFixtures.NAVER_LEGACY;
import static dev.gleaner.local.sources.SourceFixtures.TARGET_DATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.collectors.FixtureServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end on the local runner with the real collectors: each platform's collection goes
 * through the API, the deployed state machine, the workflow handlers and the collectors' HTTP to
 * a loopback fixture server replaying recorded responses, into DynamoDB Local, and is read back
 * over HTTP. Each test uses its own platform (records are shared by every task of a runner).
 */
class RealCollectorsEndToEndTest {
    private static final String TOKEN = "gu-token-e2e-7c1d";
    private static final String COOKIES = "NID_AUT=aut-e2e-51f0; NID_SES=ses-e2e-98ab";
    private static final String LOGIN = "naver: login cookies are missing or expired; log in again and pass fresh naver_cookies";
    private static final String EXPIRED_CAFE = "20000001";
    private static final String EXPIRED_BOARD_CAFE = "20000002";

    private static RunnerOnFixtures env;

    @BeforeAll
    static void start() throws Exception {
        env = RunnerOnFixtures.start(sources -> {
            SourceFixtures.babitalk(sources, Duration.ofMillis(40));
            SourceFixtures.gangnamunni(sources);
            SourceFixtures.naver(sources);
            // A cafe whose login has expired: the menus call is refused...
            sources.on("GET", "/gw/v3/cafes/" + EXPIRED_CAFE + "/menus").fixture(401, "naver/article-401.json");
            // ...and one where the boards load but the list says the login is required.
            sources.on("GET", "/gw/v3/cafes/" + EXPIRED_BOARD_CAFE + "/menus").fixture("naver/menus.json");
            sources.on("GET", NAVER_LEGACY).query("search.clubid", EXPIRED_BOARD_CAFE).query("search.menuid", 38)
                    .query("search.page", 1).fixture("naver/legacy-login-required.json");
        });
    }

    @AfterAll
    static void stop() {
        RunnerOnFixtures.close(env);
    }

    @AfterEach
    void everyRequestHadAFixture() throws Exception {
        assertEquals(List.of(), env.sources.unmatched(), "requests the fixture server had no answer for");
        // Finalize writes the final status first and frees the slot right after.
        ApiClient.waitFor("every slot released", () -> env.runner.slots().holderCount() == 0);
    }

    /**
     * Polls collection {@code id} to its end, which must be a completed {@code platform} collection
     * with sane progress; every state seen.
     */
    private List<JsonNode> completed(String platform, String id) throws Exception {
        List<JsonNode> states = env.api.pollUntilFinished(id);
        JsonNode done = states.get(states.size() - 1);
        assertEquals("completed", done.get("status").asText(), done.toString());
        assertEquals(platform + "_collect", done.get("type").asText());
        Checks.progressIsSane(states);
        return states;
    }

    @Test
    void babitalkCompletesWithCountsProgressLogsAndRecordsAndASecondRunStoresNothingNew() throws Exception {
        String body = "{\"target_date\": \"" + TARGET_DATE + "\", \"categories\": [\"reviews\", \"talks\", \"event_ask_memos\"]}";
        String first = env.api.start("babitalk", body);
        List<JsonNode> states = completed("babitalk", first);
        JsonNode done = states.get(states.size() - 1);
        assertTrue(Checks.sawRunning(states), "the poller saw the task running");
        assertEquals(7, done.get("progress").asInt());
        assertTrue(done.get("error").isNull());
        assertEquals("완료", done.get("current_step").asText());
        Map<String, int[]> categories = new LinkedHashMap<>();
        categories.put("reviews", new int[] {4, 4, 2});
        categories.put("talks", new int[] {3, 3, 4});
        categories.put("event_ask_memos", new int[] {0, 0, 7});
        Checks.summaryIs(done, categories, 7, 7, 3, 0);
        Checks.logsContain(done, "바비톡 데이터 수집 시작", "수집 대상: 시술후기, 자유톡, 발품후기", "시술후기 수집 완료 (4건)",
                "자유톡 수집 완료 (3건)", "발품후기 수집 완료 (0건)", "바비톡 데이터 수집 완료: 7건");

        List<JsonNode> items = env.api.items(first, 3);
        Set<String> expected = Set.of("post:90100", "post:90097", "post:90090", "post:90088", "post:5009", "post:5008", "post:7001");
        assertEquals(7, items.size(), "each record once across pages of 3");
        assertEquals(expected, Checks.ids(items));
        items.forEach(r -> Checks.recordShape(r, "babitalk"));
        JsonNode talk = items.stream().filter(r -> r.get("source_id").asText().equals("5009")).findFirst().orElseThrow();
        assertEquals("talks", talk.get("category").asText());
        assertEquals(2, talk.get("comments").size(), "the live comments, nested in their post");
        JsonNode review = items.stream().filter(r -> r.get("source_id").asText().equals("90100")).findFirst().orElseThrow();
        assertEquals("바른눈성형외과", review.get("hospital").asText());
        assertEquals(2300000L, review.get("price").asLong());

        assertEquals(Set.of("post:90100", "post:90097", "post:90090", "post:90088"),
                Checks.ids(env.api.records("babitalk", "reviews", TARGET_DATE)));
        assertEquals(Set.of("post:5009", "post:5008", "post:7001"), Checks.ids(env.api.records("babitalk", "talks", TARGET_DATE)));
        assertEquals(List.of(), env.api.records("babitalk", "reviews", "2025-01-14"), "nothing stored from the day before");
        assertEquals(7, Checks.storedRecords(env.runner, "babitalk"));

        // the same collection again: everything is found, nothing is new, nothing is stored twice
        String second = env.api.start("babitalk", body);
        List<JsonNode> again = completed("babitalk", second);
        JsonNode redone = again.get(again.size() - 1);
        categories.put("reviews", new int[] {4, 0, 2});
        categories.put("talks", new int[] {3, 0, 4});
        Checks.summaryIs(redone, categories, 7, 0, 3, 0);
        assertEquals(7, Checks.storedRecords(env.runner, "babitalk"), "no duplicates");
        assertEquals(4, env.api.records("babitalk", "reviews", TARGET_DATE).size());
        assertEquals(expected, Checks.ids(env.api.items(second, 50)), "the second task still lists what it collected");
    }

    @Test
    void gangnamUnniWithSaveAsReviewsStoresPostsAndReviewRecords() throws Exception {
        String body = "{\"target_date\": \"" + TARGET_DATE + "\", \"categories\": [\"hospital_question\", \"review\"],"
                + " \"save_as_reviews\": true, \"token\": \"" + TOKEN + "\"}";
        String first = env.api.start("gangnamunni", body);
        List<JsonNode> states = completed("gangnamunni", first);
        JsonNode done = states.get(states.size() - 1);
        assertEquals(4, done.get("progress").asInt(), "3 questions + 1 review post; review records do not count");
        Map<String, int[]> categories = new LinkedHashMap<>();
        categories.put("hospital_question", new int[] {3, 3, 2});
        categories.put("review", new int[] {1, 1, 2}); // a community page and a reviews-API page
        Checks.summaryIs(done, categories, 4, 4, 2, 3);
        Checks.logsContain(done, "강남언니 데이터 수집 시작", "병원질문 수집 완료 (3건)", "발품후기 수집 완료 (1건)",
                "강남언니 데이터 수집 완료: 4건");

        List<JsonNode> items = env.api.items(first, 50);
        assertEquals(Set.of("post:4419", "post:4418", "post:4417", "post:7702", "review:7702", "review:88002", "review:88001"),
                Checks.ids(items));
        items.forEach(r -> Checks.recordShape(r, "gangnamunni"));
        JsonNode fromPost = items.stream().filter(r -> r.get("kind").asText().equals("review")
                && r.get("source_id").asText().equals("7702")).findFirst().orElseThrow();
        assertEquals("바른성형외과", fromPost.get("hospital").asText());
        assertEquals("코끝성형", fromPost.get("procedure").asText());
        assertEquals(3_500_000L, fromPost.get("price").asLong());
        assertEquals(4.5, fromPost.get("rating").asDouble());
        JsonNode question = items.stream().filter(r -> r.get("source_id").asText().equals("4419")).findFirst().orElseThrow();
        assertEquals(2, question.get("comments").size());
        assertEquals(TOKEN, env.sources.requests(GU_REVIEWS_API).get(0).header("Authorization"), "the token reached the source");

        List<JsonNode> reviewDay = env.api.records("gangnamunni", "review", TARGET_DATE);
        assertEquals(Set.of("post:7702", "review:7702", "review:88002", "review:88001"), Checks.ids(reviewDay));
        assertEquals(3, env.api.records("gangnamunni", "hospital_question", TARGET_DATE).size());
        assertEquals(7, Checks.storedRecords(env.runner, "gangnamunni"));

        String second = env.api.start("gangnamunni", body);
        List<JsonNode> again = completed("gangnamunni", second);
        JsonNode redone = again.get(again.size() - 1);
        categories.put("hospital_question", new int[] {3, 0, 2});
        categories.put("review", new int[] {1, 0, 2});
        Checks.summaryIs(redone, categories, 4, 0, 2, 0);
        assertEquals(7, Checks.storedRecords(env.runner, "gangnamunni"), "no duplicates");
    }

    @Test
    void naverWithCookiesCollectsEveryBoardUnderItsName() throws Exception {
        String body = "{\"cafe_id\": \"" + CAFE + "\", \"target_date\": \"" + TARGET_DATE + "\", \"menu_id\": \"\","
                + " \"per_page\": 20, \"naver_cookies\": \"" + COOKIES + "\"}";
        String first = env.api.start("naver", body);
        List<JsonNode> states = completed("naver", first);
        JsonNode done = states.get(states.size() - 1);
        assertEquals(3, done.get("progress").asInt());
        Map<String, int[]> boards = new LinkedHashMap<>();
        boards.put("공지사항", new int[] {0, 0, 1});
        boards.put("자유&수다", new int[] {2, 2, 2});
        boards.put("성형 <후기>", new int[] {1, 1, 2});
        Checks.summaryIs(done, boards, 3, 3, 3, 0);
        Checks.logsContain(done, "네이버 카페 데이터 수집 시작", "수집 대상: 공지사항, 자유&수다, 성형 <후기>",
                "자유&수다 수집 완료 (2건)", "네이버 카페 데이터 수집 완료: 3건");

        List<JsonNode> items = env.api.items(first, 50);
        assertEquals(Set.of("post:239647", "post:239640", "post:111205"), Checks.ids(items));
        items.forEach(r -> Checks.recordShape(r, "naver"));
        JsonNode article = items.stream().filter(r -> r.get("source_id").asText().equals("239647")).findFirst().orElseThrow();
        assertEquals("자유&수다", article.get("category").asText(), "the board name is the category");
        assertEquals(2, article.get("comments").size());
        assertEquals(Set.of("post:239647", "post:239640"), Checks.ids(env.api.records("naver", "자유&수다", TARGET_DATE)));
        assertEquals(Set.of("post:111205"), Checks.ids(env.api.records("naver", "성형 <후기>", TARGET_DATE)));

        List<FixtureServer.Recorded> naverCalls = env.sources.requests().stream()
                .filter(r -> r.path().contains("/cafes/" + CAFE + "/") || CAFE.equals(r.query("search.clubid"))).toList();
        assertTrue(naverCalls.size() >= 8, naverCalls.toString());
        assertTrue(naverCalls.stream().allMatch(r -> COOKIES.equals(r.header("Cookie"))), "every Naver call carried the cookies");

        String second = env.api.start("naver", body);
        List<JsonNode> again = completed("naver", second);
        JsonNode redone = again.get(again.size() - 1);
        assertEquals(0, redone.at("/result_summary/totals/new").asInt(), redone.toString());
        assertEquals(3, redone.at("/result_summary/totals/collected").asInt());
        assertEquals(3, Checks.storedRecords(env.runner, "naver"), "no duplicates");
    }

    @Test
    void naverExpiredCookiesFailTheTaskWithAPlainMessage() throws Exception {
        String id = env.api.start("naver", "{\"cafe_id\": \"" + EXPIRED_CAFE + "\", \"target_date\": \"" + TARGET_DATE
                + "\", \"naver_cookies\": \"NID_AUT=expired-e2e\"}");
        List<JsonNode> states = env.api.pollUntilFinished(id);
        JsonNode failed = states.get(states.size() - 1);
        assertEquals("failed", failed.get("status").asText(), failed.toString());
        assertEquals(LOGIN, failed.get("error").asText());
        assertEquals("실패", failed.get("current_step").asText());
        assertEquals(0, failed.get("progress").asInt());
        Checks.logsContain(failed, "네이버 카페 데이터 수집 실패: " + LOGIN);

        // The boards load, but the one asked for says the login is required: that board fails, and
        // with no board left the task fails naming it.
        String board = env.api.start("naver", "{\"cafe_id\": \"" + EXPIRED_BOARD_CAFE + "\", \"target_date\": \""
                + TARGET_DATE + "\", \"menu_id\": \"38\", \"naver_cookies\": \"NID_AUT=expired-e2e\"}");
        List<JsonNode> boardStates = env.api.pollUntilFinished(board);
        JsonNode boardFailed = boardStates.get(boardStates.size() - 1);
        assertEquals("failed", boardFailed.get("status").asText(), boardFailed.toString());
        assertEquals(LOGIN, boardFailed.at("/result_summary/categories/자유&수다/error").asText(), boardFailed.toString());
        assertTrue(boardFailed.get("error").asText().contains("자유&수다") && boardFailed.get("error").asText().contains(LOGIN),
                boardFailed.get("error").asText());
        Checks.logsContain(boardFailed, "자유&수다 수집 실패: " + LOGIN);
    }
}
