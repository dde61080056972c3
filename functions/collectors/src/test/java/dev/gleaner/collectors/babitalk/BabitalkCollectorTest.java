package dev.gleaner.collectors.babitalk;

import static dev.gleaner.collectors.TestSupport.NOW;
import static dev.gleaner.collectors.TestSupport.assertTreatment;
import static dev.gleaner.collectors.TestSupport.babitalk;
import static dev.gleaner.collectors.TestSupport.options;
import static dev.gleaner.collectors.TestSupport.runAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.collectors.BatchRequest;
import dev.gleaner.collectors.BatchResult;
import dev.gleaner.collectors.CategoryPlan;
import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.CollectorTestCase;
import dev.gleaner.collectors.Collectors;
import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.collectors.RetryableSourceException;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.collectors.TestSupport.Run;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordComment;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BabitalkCollectorTest extends CollectorTestCase {
    BabitalkCollectorTest() {
        super(Platform.BABITALK);
    }

    private static BatchRequest first(CollectionRequest req, String category) {
        return BatchRequest.first(req, category, Platform.BABITALK.categoryName(category), Secrets.NONE, NOW);
    }

    private void reviewPages() {
        server.on("GET", "/v2/reviews").query("search_after", "0").fixture("babitalk/reviews-page1.json");
        server.on("GET", "/v2/reviews").query("search_after", "1736927101000").fixture("babitalk/reviews-page2.json");
    }

    @Test
    void planUsesRequestedCategoriesOrAll() throws Exception {
        assertEquals(List.of(new CategoryPlan("reviews", "시술후기"), new CategoryPlan("talks", "자유톡"),
                new CategoryPlan("event_ask_memos", "발품후기")), collector.plan(babitalk(0), Secrets.NONE));
        assertEquals(List.of(new CategoryPlan("talks", "자유톡")), collector.plan(babitalk(0, "talks"), Secrets.NONE));
        SourceException e = assertThrows(SourceException.class, () -> collector.plan(babitalk(0, "reviews", "nope"), Secrets.NONE));
        assertEquals("categories", e.field());
    }

    @Test
    void eachListPageIsHandedOverBeforeTheNextIsFetchedAndTheLastStaysInTheResult() throws Exception {
        reviewPages();
        List<List<CollectedRecord>> handed = new ArrayList<>();
        List<Integer> requestsWhenHanded = new ArrayList<>();
        BatchResult r = collector.collectBatch(first(babitalk(0, "reviews"), "reviews"), page -> {
            handed.add(page);
            requestsWhenHanded.add(server.requests("/v2/reviews").size());
        });

        assertEquals(2, r.pages());
        assertEquals(1, handed.size(), "page 1 handed over, page 2 (the last of the call) only in the result");
        assertEquals(List.of(1), requestsWhenHanded, "handed over before page 2 was requested");
        List<CollectedRecord> pageOne = handed.get(0);
        assertFalse(pageOne.isEmpty());
        assertEquals(r.records().subList(0, pageOne.size()), pageOne, "the result keeps every record, in order");
        assertEquals(r.records(), collector.collectBatch(first(babitalk(0, "reviews"), "reviews")).records(),
                "the same records without a sink");
    }

    @Test
    void aSinkThatFailsEndsTheCallBeforeTheNextPage() {
        reviewPages();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> collector.collectBatch(
                first(babitalk(0, "reviews"), "reviews"), page -> {
                    throw new IllegalStateException("page 1 could not be stored");
                }));
        assertEquals("page 1 could not be stored", e.getMessage());
        assertEquals(1, server.requests("/v2/reviews").size(), "page 2 never requested");
    }

    @Test
    void reviewsAcrossPagesStopAtTheFirstOlderItemAndKeepKstMidnight() throws Exception {
        reviewPages();
        BatchResult r = collector.collectBatch(first(babitalk(0, "reviews"), "reviews"));

        assertFalse(r.hasMore());
        assertNull(r.nextCursor());
        assertEquals(0, r.waitSeconds());
        assertEquals(2, r.pages());
        assertEquals(4, r.posts());
        assertEquals(List.of("90100", "90097", "90090", "90088"), r.records().stream().map(CollectedRecord::sourceId).toList());
        // 2025-01-15 00:30 KST is 2025-01-14T15:30Z and belongs to the 15th
        assertEquals("2025-01-14T15:30:00Z", r.records().get(3).createdAt());
        assertEquals(2, server.requests("/v2/reviews").size(), "no page after the first older item");

        CollectedRecord first = r.records().get(0);
        assertEquals("babitalk", first.platform());
        assertEquals("reviews", first.category());
        assertEquals("reviews", first.scope());
        assertEquals("post", first.kind());
        assertEquals("https://web.babitalk.com/reviews/90100", first.url());
        assertEquals("2025-01-15T14:59:59Z", first.createdAt());
        assertEquals("눈매교정 2주차 후기입니다. 아직 라인이 조금 높아요.", first.body());
        assertEquals("눈꽃", first.author());
        assertEquals(4.0, first.rating());
        assertEquals("바른눈성형외과", first.hospital());
        assertEquals("김서연", first.doctor());
        assertEquals("쌍꺼풀, 눈매교정", first.procedure());
        assertEquals(2300000L, first.price());
        assertEquals(90100, first.raw().get("id").asInt());
        // a text price and a procedure only in sub_categories
        assertEquals(1500000L, r.records().get(1).price());
        assertNull(r.records().get(1).doctor());
        assertEquals("보톡스", r.records().get(3).procedure());
        assertNull(r.records().get(3).hospital());

        // one second between pages, nothing else
        assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps());
    }

    @Test
    void sendsBrowserLikeHeadersAndTheDocumentedQuery() throws Exception {
        server.on("GET", "/v2/reviews").fixture("babitalk/reviews-single.json");
        collector.collectBatch(first(babitalk(0, "reviews"), "reviews"));
        FixtureServer.Recorded req = server.requests("/v2/reviews").get(0);
        assertEquals("TREATMENTS", req.query("service"));
        assertEquals("24", req.query("limit"));
        assertEquals("recent", req.query("sort"));
        assertEquals("0", req.query("search_after"));
        assertTrue(req.header("User-Agent").contains("Chrome/"));
        assertEquals("application/json, text/plain, */*", req.header("Accept"));
        assertTrue(req.header("Accept-Language").startsWith("ko-KR"));
        assertEquals("cors", req.header("Sec-Fetch-Mode"));
        assertNull(req.header("Cookie"));
    }

    @Test
    void oneCallReadsAtMostThePageBudgetAndTheCursorResumes() throws Exception {
        reviewPages();
        Collector onePage = Collectors.forPlatform(Platform.BABITALK, options(server, time).withMaxPagesPerCall(1));
        BatchResult a = onePage.collectBatch(first(babitalk(0, "reviews"), "reviews"));
        assertTrue(a.hasMore());
        assertEquals(1, a.pages());
        assertEquals(List.of("90100", "90097"), a.records().stream().map(CollectedRecord::sourceId).toList());
        assertEquals("1736927101000", a.nextCursor().get("search_after").asText());

        BatchResult b = onePage.collectBatch(first(babitalk(0, "reviews"), "reviews").next(a, 2));
        assertFalse(b.hasMore());
        assertEquals(List.of("90090", "90088"), b.records().stream().map(CollectedRecord::sourceId).toList());
    }

    @Test
    void limitIsRespectedExactlyWithWhatWasAlreadyCollected() throws Exception {
        reviewPages();
        BatchRequest req = new BatchRequest(babitalk(3, "reviews"), "reviews", "시술후기", null, 1, Secrets.NONE, NOW);
        BatchResult r = collector.collectBatch(req);
        assertEquals(2, r.posts());
        assertFalse(r.hasMore());
        assertEquals(1, server.requests("/v2/reviews").size());

        BatchRequest full = new BatchRequest(babitalk(3, "reviews"), "reviews", "시술후기", null, 3, Secrets.NONE, NOW);
        BatchResult none = collector.collectBatch(full);
        assertEquals(0, none.records().size());
        assertFalse(none.hasMore());
        assertEquals(1, server.requests().size(), "a full category makes no request");
    }

    @Test
    void emptyListsEndTheCategory() throws Exception {
        server.on("GET", "/v2/reviews").fixture("babitalk/reviews-empty.json");
        BatchResult r = collector.collectBatch(first(babitalk(0, "reviews"), "reviews"));
        assertEquals(0, r.posts());
        assertFalse(r.hasMore());
        assertEquals(1, r.pages());
    }

    @Test
    void talksCoverEveryServiceWithPagedCommentsAndStopAfterFiveOlder() throws Exception {
        server.on("GET", "/v2/community/talks").query("service_id", 79).query("search_after", 0).fixture("babitalk/talks-79-page1.json");
        server.on("GET", "/v2/community/talks").query("service_id", 79).query("search_after", 5008).fixture("babitalk/talks-79-page2.json");
        server.on("GET", "/v2/community/talks").query("service_id", 71).fixture("babitalk/talks-empty.json");
        server.on("GET", "/v2/community/talks").query("service_id", 72).fixture("babitalk/talks-72-page1.json");
        server.on("GET", "/v2/community/talks/5009/comments").query("page", 1).fixture("babitalk/comments-5009-page1.json");
        server.on("GET", "/v2/community/talks/5009/comments").query("page", 2).fixture("babitalk/comments-5009-page2.json");
        server.on("GET", "/v2/community/talks/7001/comments").query("page", 1).fixture("babitalk/comments-7001-page1.json");

        Run run = runAll(collector, first(babitalk(0, "talks"), "talks"), 5);

        assertEquals(2, run.results.size(), "3 list pages in the first call, 1 in the second");
        assertEquals(3, run.results.get(0).pages());
        assertEquals(List.of("5009", "5008", "7001"), run.ids());
        assertEquals(3, run.posts);
        CollectedRecord talk = run.records.get(0);
        assertEquals("코 재수술 고민", talk.title());
        assertEquals("https://web.babitalk.com/community/5009", talk.url());
        assertEquals(3, talk.commentCount());
        assertEquals(List.of(new RecordComment("1", "토끼", "저도 궁금해요", "2025-01-15T12:30:00Z"),
                new RecordComment("3", "여우", "병원 어디세요?", "2025-01-15T13:00:00Z")), talk.comments(), "deleted comment left out");
        assertEquals(List.of(), run.records.get(1).comments());
        assertEquals(1, run.records.get(2).comments().size());
        assertEquals(2, run.results.get(0).comments());
        assertTrue(server.requests("/v2/community/talks/5008/comments").isEmpty(), "no comment call when total_comment is 0");
        assertTrue(server.requests().stream().noneMatch(r -> "5002".equals(r.query("search_after"))));
    }

    @Test
    void memosResolveRelativeDatesAndCoverEveryCategoryId() throws Exception {
        server.on("GET", "/v2/event-ask-memos").query("category_id", 3000).fixture("babitalk/memos-3000-page1.json");
        server.on("GET", "/v2/event-ask-memos").fixture("babitalk/memos-empty.json");

        Run run = runAll(collector, first(babitalk(0, "event_ask_memos"), "event_ask_memos"), 5);

        assertEquals(3, run.results.size(), "7 category ids at 3 pages per call");
        assertEquals(List.of("3000", "3100", "3200", "3300", "3400", "3500", "3600"),
                server.requests("/v2/event-ask-memos").stream().map(r -> r.query("category_id")).toList());
        assertTrue(server.requests("/v2/event-ask-memos").stream().allMatch(r -> "305".equals(r.query("category_type"))));
        assertEquals(List.of("300", "299"), run.ids());
        CollectedRecord m = run.records.get(0);
        // "17시간전" at 2025-01-16 12:00 KST is 2025-01-15 19:00 KST
        assertEquals("2025-01-15T10:00:00Z", m.createdAt());
        assertEquals("https://web.babitalk.com/ask-memos/300", m.url());
        assertTreatment(m, "바른눈성형외과", "쌍꺼풀", 990000L, 4.0);
        assertEquals(2300000L, run.records.get(1).price());
    }

    @Test
    void unreadableRelativeDateNamesTheField() {
        server.on("GET", "/v2/event-ask-memos").fixture("babitalk/memos-bad-date.json");
        SourceException e = assertThrows(SourceException.class,
                () -> collector.collectBatch(first(babitalk(0, "event_ask_memos"), "event_ask_memos")));
        assertEquals("data[].first_write_at", e.field());
        assertTrue(e.getMessage().startsWith("babitalk: "));
    }

    @Test
    void tooManyRequestsWithShortRetryAfterIsSleptThenRetried() throws Exception {
        server.on("GET", "/v2/reviews").reply(429, "{\"message\":\"Too Many Requests\"}").header("Retry-After", "2")
                .fixture("babitalk/reviews-single.json");
        BatchResult r = collector.collectBatch(first(babitalk(0, "reviews"), "reviews"));
        assertEquals(1, r.posts());
        assertEquals(2, server.requests("/v2/reviews").size());
        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
    }

    @Test
    void longRetryAfterIsReturnedAsAWaitWithAResumableCursor() throws Exception {
        server.on("GET", "/v2/reviews").reply(429, "").header("Retry-After", "120").fixture("babitalk/reviews-single.json");
        BatchResult waiting = collector.collectBatch(first(babitalk(0, "reviews"), "reviews"));
        assertTrue(waiting.hasMore());
        assertEquals(120, waiting.waitSeconds());
        assertEquals(0, waiting.posts());
        assertNotNull(waiting.nextCursor());
        assertEquals(List.of(), time.sleeps(), "a long wait is not slept inside the call");

        BatchResult after = collector.collectBatch(first(babitalk(0, "reviews"), "reviews").next(waiting, 0));
        assertEquals(1, after.posts());
        assertFalse(after.hasMore());
    }

    @Test
    void serverErrorIsRetriedWithJitteredBackoff() throws Exception {
        server.on("GET", "/v2/reviews").reply(500, "{\"error\":\"internal\"}").fixture("babitalk/reviews-single.json");
        BatchResult r = collector.collectBatch(first(babitalk(0, "reviews"), "reviews"));
        assertEquals(1, r.posts());
        // full jitter with the test's fixed 0.5: half of the 1 s first ceiling
        assertEquals(List.of(Duration.ofMillis(500)), time.sleeps());
    }

    @Test
    void persistentServerErrorsAreRetryable() {
        server.on("GET", "/v2/reviews").reply(503, "busy");
        RetryableSourceException e = assertThrows(RetryableSourceException.class,
                () -> collector.collectBatch(first(babitalk(0, "reviews"), "reviews")));
        assertTrue(e.retryable());
        assertEquals(3, server.requests("/v2/reviews").size());
        assertTrue(e.getMessage().startsWith("babitalk: /v2/reviews answered HTTP 503"), e.getMessage());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), time.sleeps());
    }

    @Test
    void malformedJsonNamesTheSource() {
        server.on("GET", "/v2/reviews").fixture("babitalk/reviews-malformed.json");
        SourceException e = assertThrows(SourceException.class, () -> collector.collectBatch(first(babitalk(0, "reviews"), "reviews")));
        assertFalse(e.retryable());
        assertEquals("babitalk", e.source());
        assertTrue(e.getMessage().startsWith("babitalk: malformed JSON from /v2/reviews"), e.getMessage());
    }

    @Test
    void missingFieldsAreNamed() {
        server.on("GET", "/v2/reviews").query("search_after", 0).fixture("babitalk/reviews-no-has-next.json");
        SourceException e = assertThrows(SourceException.class, () -> collector.collectBatch(first(babitalk(0, "reviews"), "reviews")));
        assertEquals("pagination.has_next", e.field());
        assertEquals("babitalk: response field 'pagination.has_next' missing (the API shape changed)", e.getMessage());

        FixtureServer other = FixtureServer.start();
        try {
            other.on("GET", "/v2/reviews").fixture("babitalk/reviews-no-created-at.json");
            Collector c = Collectors.forPlatform(Platform.BABITALK, options(other, time));
            SourceException e2 = assertThrows(SourceException.class, () -> c.collectBatch(first(babitalk(0, "reviews"), "reviews")));
            assertEquals("data[].created_at", e2.field());
        } finally {
            other.close();
        }
    }

    @Test
    void fiveNotFoundsInARowAskForTwentyMinutesThenResume() throws Exception {
        FixtureServer.Route route = server.on("GET", "/v2/reviews");
        for (int i = 0; i < 5; i++) {
            route.reply(404, "{\"message\":\"Not Found\"}");
        }
        route.fixture("babitalk/reviews-single.json");

        BatchResult waiting = collector.collectBatch(first(babitalk(0, "reviews"), "reviews"));
        assertTrue(waiting.hasMore());
        assertEquals(1200, waiting.waitSeconds());
        assertEquals(4, time.sleeps().stream().filter(d -> d.equals(Duration.ofSeconds(5))).count(), "5 s after each single 404");
        assertTrue(waiting.notes().stream().anyMatch(n -> n.contains("404")));

        BatchResult after = collector.collectBatch(first(babitalk(0, "reviews"), "reviews").next(waiting, 0));
        assertEquals(1, after.posts());
        assertEquals(0, after.waitSeconds());
    }

    @Test
    void refusedAccessIsAPlainError() {
        server.on("GET", "/v2/reviews").reply(403, "<html>Forbidden</html>");
        SourceException e = assertThrows(SourceException.class, () -> collector.collectBatch(first(babitalk(0, "reviews"), "reviews")));
        assertFalse(e.retryable());
        assertEquals("babitalk: /v2/reviews refused access (HTTP 403)", e.getMessage());
    }

    @Test
    void gzipBodiesAreDecoded() throws Exception {
        server.on("GET", "/v2/reviews").fixture("babitalk/reviews-single.json").gzip();
        assertEquals(1, collector.collectBatch(first(babitalk(0, "reviews"), "reviews")).posts());
        assertEquals("gzip", server.requests().get(0).header("Accept-Encoding"));
    }

    @Test
    void aForeignCursorIsRejected() {
        BatchRequest req = new BatchRequest(babitalk(0, "reviews"), "reviews", "시술후기",
                Json.tree(List.of(1, 2)), 0, Secrets.NONE, NOW);
        SourceException e = assertThrows(SourceException.class, () -> collector.collectBatch(req));
        assertEquals("cursor", e.field());
    }
}
