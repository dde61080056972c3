package dev.gleaner.collectors.naver;

import static dev.gleaner.collectors.TestSupport.NOW;
import static dev.gleaner.collectors.TestSupport.assertPost;
import static dev.gleaner.collectors.TestSupport.naver;
import static dev.gleaner.collectors.TestSupport.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.collectors.BatchRequest;
import dev.gleaner.collectors.BatchResult;
import dev.gleaner.collectors.CategoryPlan;
import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.CollectorTestCase;
import dev.gleaner.collectors.Collectors;
import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.collectors.RetryableSourceException;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.collectors.TestSupport;
import dev.gleaner.collectors.TestSupport.Run;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordComment;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaverCafeCollectorTest extends CollectorTestCase {
    private static final String CAFE = "10912875";
    private static final String MENUS = "/gw/v3/cafes/" + CAFE + "/menus";
    private static final String LEGACY = "/cafe-web/cafe2/ArticleListV2dot1.json";
    private static final String BOARD_LIST_39 = "/cafe-web/cafe-boardlist-api/v1/cafes/" + CAFE + "/menus/39/articles";
    private static final String LOGIN = "naver: login cookies are missing or expired; log in again and pass fresh naver_cookies";

    NaverCafeCollectorTest() {
        super(Platform.NAVER);
    }

    private static String article(String id) {
        return "/gw/v3/cafes/" + CAFE + "/articles/" + id;
    }

    private static BatchRequest first(CollectionRequest req, String menu, String board, Secrets secrets) {
        return BatchRequest.first(req, menu, board, secrets, NOW);
    }

    private void board38() {
        server.on("GET", LEGACY).query("search.menuid", 38).query("search.page", 1).fixture("naver/legacy-38-page1.json");
        server.on("GET", LEGACY).query("search.menuid", 38).query("search.page", 2).fixture("naver/legacy-38-page2.json");
        server.on("GET", article("239647")).fixture("naver/article-239647.json");
        server.on("GET", article("239640")).fixture("naver/article-239640.json");
    }

    @Test
    void planListsArticleBoardsWithUnescapedNames() throws Exception {
        server.on("GET", MENUS).fixture("naver/menus.json");
        assertEquals(List.of(new CategoryPlan("1", "공지사항"), new CategoryPlan("38", "자유&수다"), new CategoryPlan("39", "성형 <후기>")),
                collector.plan(naver(CAFE, 20, 0), Secrets.NONE));
        FixtureServer.Recorded r = server.requests(MENUS).get(0);
        assertEquals("true", r.query("useCafeId"));
        assertEquals("A", r.query("requestFrom"));
        assertEquals("https://cafe.naver.com/", r.header("Referer"));
    }

    @Test
    void planFiltersToRequestedBoardsInTheirOrder() throws Exception {
        server.on("GET", MENUS).fixture("naver/menus.json");
        assertEquals(List.of(new CategoryPlan("39", "성형 <후기>"), new CategoryPlan("38", "자유&수다")),
                collector.plan(naver(CAFE, 20, 0, "39", "38"), Secrets.NONE));
        SourceException missing = assertThrows(SourceException.class, () -> collector.plan(naver(CAFE, 20, 0, "77"), Secrets.NONE));
        assertEquals("menu_id", missing.field());
        assertEquals("naver: board 77 was not found in cafe 10912875", missing.getMessage());
        SourceException link = assertThrows(SourceException.class, () -> collector.plan(naver(CAFE, 20, 0, "90"), Secrets.NONE));
        assertTrue(link.getMessage().contains("not an article board"));
    }

    @Test
    void planWithExpiredCookiesSaysSo() {
        server.on("GET", MENUS).reply(403, "{\"result\":{\"errorCode\":\"0004\",\"reason\":\"로그인하지 않았습니다.\"}}");
        SourceException e = assertThrows(SourceException.class, () -> collector.plan(naver(CAFE, 20, 0), new Secrets("NID_AUT=old", null)));
        assertEquals(LOGIN, e.getMessage());
        assertEquals("naver_cookies", e.field());
        assertFalse(e.retryable());
    }

    @Test
    void legacyListShapeWithDateBoundaryBodiesAndComments() throws Exception {
        board38();
        BatchResult r = collector.collectBatch(first(naver(CAFE, 30, 0), "38", "자유&수다", Secrets.NONE));

        assertFalse(r.hasMore());
        assertEquals(2, r.pages());
        assertEquals(List.of("239647", "239640"), r.records().stream().map(CollectedRecord::sourceId).toList());
        CollectedRecord post = r.records().get(0);
        assertEquals("naver", post.platform());
        assertEquals("자유&수다", post.category(), "board name as category");
        assertEquals(CAFE, post.scope(), "cafe id as scope");
        assertEquals("https://cafe.naver.com/ca-fe/cafes/10912875/articles/239647", post.url());
        assertEquals("코 재수술 병원 추천해주세요", post.title());
        // the author's empty spacer paragraph stays a blank line; the script inside the body is dropped
        assertPost(post, "코 재수술 고민 중이에요.\n실리콘 & 연골 조합으로 하신 분 계신가요?\n\n상담가는 450만원이었어요", "봄날",
                "2025-01-15T12:00:00Z", 153L, 3L,
                List.of(new RecordComment("5001", "하늘", "저도 궁금해요!", "2025-01-15T12:20:00Z"),
                        new RecordComment("5003", "봄날", "쪽지 드렸어요 >_< 병원<코> 비교해보세요", "2025-01-15T12:40:00Z")));
        assertFalse(post.raw().get("article").has("contentHtml"), "the body is not duplicated in raw");
        assertFalse(post.raw().has("user"), "the viewer's own data is not kept");
        assertEquals(239647, post.raw().at("/list/articleId").asInt());

        CollectedRecord midnight = r.records().get(1);
        assertEquals("2025-01-14T15:30:00Z", midnight.createdAt());
        assertEquals("2주면 80% 빠진대요\n냉찜질 필수", midnight.body());
        assertEquals(List.of(), midnight.comments());

        FixtureServer.Recorded list = server.requests(LEGACY).get(0);
        assertEquals(CAFE, list.query("search.clubid"));
        assertEquals("lastArticle", list.query("search.queryType"));
        assertEquals("30", list.query("search.perPage"), "per_page is passed through");
        assertEquals("MW_CAFE_ARTICLE_LIST_RS", list.query("adUnit"));
        assertTrue(server.requests().stream().noneMatch(q -> q.path().equals(article("239650"))), "newer articles are not read");
        assertTrue(server.requests().stream().noneMatch(q -> q.path().startsWith(article("2396"))
                && q.path().compareTo(article("239631")) < 0), "older articles are not read");
        // 5 s before and 0.3 s after each article, 1 s before the second list page
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(300),
                Duration.ofSeconds(1)), time.sleeps());
    }

    @Test
    void boardListShapeIsTheFallbackAndTheCursorRemembersIt() throws Exception {
        server.on("GET", LEGACY).query("search.menuid", 39).fixture("naver/legacy-error-9999.json");
        server.on("GET", BOARD_LIST_39).query("page", 1).fixture("naver/boardlist-39-page1.json");
        server.on("GET", BOARD_LIST_39).query("page", 2).fixture("naver/boardlist-39-page2.json");
        server.on("GET", article("111205")).fixture("naver/article-111205.json");
        Collector onePage = Collectors.forPlatform(Platform.NAVER, options(server, time).withMaxPagesPerCall(1));

        Run run = TestSupport.runAll(onePage, first(naver(CAFE, 20, 0), "39", "성형 <후기>", Secrets.NONE), 4);

        assertEquals(2, run.results.size());
        assertEquals("boardlist", run.results.get(0).nextCursor().get("api").asText());
        assertEquals(1, server.requests(LEGACY).size(), "the legacy API is tried once");
        assertEquals(List.of("111205"), run.ids());
        CollectedRecord post = run.records.get(0);
        assertEquals("가슴 수술 3개월 차 후기", post.title());
        assertEquals("여름", post.author());
        assertEquals("3개월 지나니 촉감이 자연스러워졌어요.", post.body());
        assertEquals(1, post.comments().size());
        assertEquals(210L, post.viewCount());
        assertTrue(run.notes().stream().anyMatch(n -> n.contains("board-list API")), run.notes().toString());
        FixtureServer.Recorded q = server.requests(BOARD_LIST_39).get(0);
        assertEquals("pc", q.header("x-cafe-product"));
        assertEquals("TIME", q.query("sortBy"));
        assertEquals("20", q.query("pageSize"));
    }

    @Test
    void legacyNotFoundAlsoFallsBack() throws Exception {
        server.on("GET", LEGACY).reply(404, "{}");
        server.on("GET", BOARD_LIST_39).query("page", 1).fixture("naver/boardlist-39-page1.json");
        server.on("GET", BOARD_LIST_39).query("page", 2).fixture("naver/boardlist-39-page2.json");
        server.on("GET", article("111205")).fixture("naver/article-111205.json");
        BatchResult r = collector.collectBatch(first(naver(CAFE, 20, 0), "39", "성형 후기", Secrets.NONE));
        assertEquals(1, r.posts());
        assertFalse(r.hasMore());
    }

    @Test
    void expiredCookiesOnAnArticleGiveAClearMessage() {
        board38();
        server.on("GET", article("239647")).fixture(401, "naver/article-401.json");
        SourceException e = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(naver(CAFE, 20, 0), "38", "자유&수다", new Secrets("NID_AUT=expired", null))));
        assertEquals(LOGIN, e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void loginErrorShapeInA200ListAlsoMeansExpiredCookies() {
        server.on("GET", LEGACY).fixture("naver/legacy-login-required.json");
        SourceException e = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(naver(CAFE, 20, 0), "38", "자유&수다", Secrets.NONE)));
        assertEquals(LOGIN, e.getMessage());
        assertTrue(server.requests().stream().noneMatch(q -> q.path().contains("boardlist")), "no fallback on a login error");
    }

    @Test
    void membersOnlyBoardNamesTheProblem() {
        board38();
        server.on("GET", article("239647")).fixture(403, "naver/article-members-only.json");
        SourceException e = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(naver(CAFE, 20, 0), "38", "자유&수다", Secrets.NONE)));
        assertEquals("naver_cookies", e.field());
        assertTrue(e.getMessage().contains("members"), e.getMessage());
    }

    @Test
    void redirectToTheLoginPageMeansExpiredCookies() {
        server.on("GET", LEGACY).reply(302, "").header("Location", "https://nid.naver.com/nidlogin.login?url=x");
        SourceException e = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(naver(CAFE, 20, 0), "38", "자유&수다", Secrets.NONE)));
        assertEquals(LOGIN, e.getMessage());
        assertEquals(1, server.requests().size(), "the redirect is not followed to another host");
    }

    @Test
    void systemErrorIsRetriedWithExponentialBackoffThenSucceeds() throws Exception {
        board38();
        server.on("GET", article("239647")).fixture("naver/system-error.json").fixture("naver/system-error.json")
                .fixture("naver/article-239647.json");
        BatchResult r = collector.collectBatch(first(naver(CAFE, 20, 0), "38", "자유&수다", Secrets.NONE));
        assertEquals(2, r.posts());
        assertEquals(3, server.requests(article("239647")).size());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(300)),
                time.sleeps().subList(0, 4));
    }

    @Test
    void persistentSystemErrorIsRetryable() {
        board38();
        server.on("GET", article("239647")).fixture("naver/system-error.json");
        RetryableSourceException e = assertThrows(RetryableSourceException.class,
                () -> collector.collectBatch(first(naver(CAFE, 20, 0), "38", "자유&수다", Secrets.NONE)));
        assertEquals(4, server.requests(article("239647")).size(), "the first try and 3 retries");
        assertEquals("error_code", e.field());
    }

    @Test
    void deletedArticleIsSkippedWithANote() throws Exception {
        board38();
        server.on("GET", article("239647")).fixture("naver/article-deleted.json");
        BatchResult r = collector.collectBatch(first(naver(CAFE, 20, 0), "38", "자유&수다", Secrets.NONE));
        assertEquals(List.of("239640"), r.records().stream().map(CollectedRecord::sourceId).toList());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("239647") && n.contains("0002")), r.notes().toString());
    }

    @Test
    void limitIsExact() throws Exception {
        board38();
        BatchResult r = collector.collectBatch(first(naver(CAFE, 20, 1), "38", "자유&수다", Secrets.NONE));
        assertEquals(1, r.posts());
        assertFalse(r.hasMore());
        assertTrue(server.requests(article("239640")).isEmpty());
    }

    @Test
    void emptyBoard() throws Exception {
        server.on("GET", LEGACY).fixture("naver/legacy-empty.json");
        BatchResult r = collector.collectBatch(first(naver(CAFE, 20, 0), "1", "공지사항", Secrets.NONE));
        assertEquals(0, r.posts());
        assertFalse(r.hasMore());
    }

    @Test
    void theTimeBudgetSplitsAPageAcrossCallsWithoutDuplicates() throws Exception {
        server.on("GET", LEGACY).fixture("naver/legacy-budget.json");
        for (String id : List.of("300004", "300003", "300002", "300001")) {
            server.on("GET", article(id)).fixture("naver/article-" + id + ".json");
        }
        // each article costs 5.3 s of politeness: a 12 s budget fits three
        Collector tight = Collectors.forPlatform(Platform.NAVER, options(server, time).withCallBudget(Duration.ofSeconds(12)));
        Run run = TestSupport.runAll(tight, first(naver(CAFE, 20, 0), "38", "자유&수다", Secrets.NONE), 4);
        assertEquals(2, run.results.size());
        assertEquals(3, run.results.get(0).posts());
        assertTrue(run.results.get(0).hasMore());
        assertEquals("300002", run.results.get(0).nextCursor().get("last_id").asText());
        assertEquals(List.of("300004", "300003", "300002", "300001"), run.ids());
        assertEquals(2, server.requests(LEGACY).size(), "the page is read again and its done articles skipped");
        assertEquals(1, server.requests(article("300004")).size());
    }

    @Test
    void missingFieldsAreNamed() {
        server.on("GET", LEGACY).fixture("naver/legacy-no-timestamp.json");
        // a resumed board already knows its list API: the changed shape is reported as is
        ObjectNode cursor = Json.object().put("api", "legacy");
        BatchRequest resumed = new BatchRequest(naver(CAFE, 20, 0), "38", "자유&수다", cursor, 0, Secrets.NONE, NOW);
        SourceException e = assertThrows(SourceException.class, () -> collector.collectBatch(resumed));
        assertEquals("message.result.articleList[].writeDateTimestamp", e.field());
        assertEquals("naver: response field 'message.result.articleList[].writeDateTimestamp' missing (the API shape changed)",
                e.getMessage());
    }

    @Test
    void whenBothListShapesFailTheErrorNamesBoth() {
        server.on("GET", LEGACY).fixture("naver/legacy-no-timestamp.json");
        server.on("GET", "/cafe-web/cafe-boardlist-api/v1/cafes/" + CAFE + "/menus/38/articles").reply(200, "{\"result\":{}}");
        SourceException e = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(naver(CAFE, 20, 0), "38", "자유&수다", Secrets.NONE)));
        assertEquals("result.articleList", e.field());
        assertTrue(e.getMessage().startsWith("naver: neither article-list API answered usably"), e.getMessage());
        assertTrue(e.getMessage().contains("writeDateTimestamp"), e.getMessage());
    }

    @Test
    void missingArticleBodyIsNamed() {
        board38();
        server.on("GET", article("239647")).fixture("naver/article-no-content.json");
        SourceException e = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(naver(CAFE, 20, 0), "38", "자유&수다", Secrets.NONE)));
        assertEquals("result.article.contentHtml", e.field());
        assertEquals("naver: response field 'result.article.contentHtml' missing (the API shape changed)", e.getMessage());
    }

    @Test
    void malformedJsonAndRetriedErrors() throws Exception {
        server.on("GET", LEGACY).query("search.page", 1).reply(429, "").header("Retry-After", "1")
                .reply(500, "oops").fixture("naver/legacy-38-page1.json");
        server.on("GET", LEGACY).query("search.page", 2).fixture("naver/legacy-38-page2.json");
        server.on("GET", article("239647")).reply(200, "<html>점검 중</html>");
        SourceException e = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(naver(CAFE, 20, 0), "38", "자유&수다", Secrets.NONE)));
        assertTrue(e.getMessage().startsWith("naver: malformed JSON from /gw/v3/cafes/{cafe}/articles/{id}"), e.getMessage());
        assertEquals(3, server.requests(LEGACY).size(), "429 and 500 were retried");
        assertEquals(Duration.ofSeconds(1), time.sleeps().get(0));
    }

    @Test
    void badCafeOrBoardIdsAreRejectedBeforeAnyRequest() {
        SourceException cafe = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(naver("abc", 20, 0), "38", "x", Secrets.NONE)));
        assertEquals("cafe_id", cafe.field());
        SourceException menu = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(naver(CAFE, 20, 0), "38/../1", "x", Secrets.NONE)));
        assertEquals("menu_id", menu.field());
        SourceException cookie = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(naver(CAFE, 20, 0), "38", "x", new Secrets("NID_AUT=a\r\nX-Evil: 1", null))));
        assertEquals("naver_cookies", cookie.field());
        assertFalse(cookie.getMessage().contains("X-Evil"));
        assertTrue(server.requests().isEmpty());
    }
}
