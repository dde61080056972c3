package dev.gleaner.collectors.gangnamunni;

import static dev.gleaner.collectors.TestSupport.NOW;
import static dev.gleaner.collectors.TestSupport.assertPost;
import static dev.gleaner.collectors.TestSupport.assertTreatment;
import static dev.gleaner.collectors.TestSupport.gangnamunni;
import static dev.gleaner.collectors.TestSupport.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.collectors.BatchRequest;
import dev.gleaner.collectors.BatchResult;
import dev.gleaner.collectors.CategoryPlan;
import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.CollectorTestCase;
import dev.gleaner.collectors.Collectors;
import dev.gleaner.collectors.FixtureServer;
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

class GangnamUnniCollectorTest extends CollectorTestCase {
    private static final String LIST = "/api/solar/search/document";
    private static final String REVIEWS = "/display/search-view/reviews";
    private static final String TOKEN = "gu-tok-SECRET-4f9a1c77";

    GangnamUnniCollectorTest() {
        super(Platform.GANGNAMUNNI);
    }

    private static BatchRequest first(CollectionRequest req, String category, Secrets secrets) {
        return BatchRequest.first(req, category, Platform.GANGNAMUNNI.categoryName(category), secrets, NOW);
    }

    private void hospitalPages() {
        server.on("GET", LIST).query("categoryIds", 11).query("start", 0).fixture("gangnamunni/hospital-page1.json");
        server.on("GET", LIST).query("categoryIds", 11).query("start", 20).fixture("gangnamunni/hospital-page2.json");
        server.on("GET", "/community/4419").fixture("gangnamunni/post-4419.html");
    }

    @Test
    void planMapsCategories() throws Exception {
        assertEquals(5, collector.plan(gangnamunni(0, false), Secrets.NONE).size());
        assertEquals(List.of(new CategoryPlan("review", "발품후기"), new CategoryPlan("ask_doctor", "의사에게 물어보세요")),
                collector.plan(gangnamunni(0, false, "review", "ask_doctor"), Secrets.NONE));
        assertThrows(SourceException.class, () -> collector.plan(gangnamunni(0, false, "gossip"), Secrets.NONE));
    }

    @Test
    void communityPagesWithDateBoundaryAndCommentsFromTheNextJsData() throws Exception {
        hospitalPages();
        BatchResult r = collector.collectBatch(first(gangnamunni(0, false, "hospital_question"), "hospital_question", Secrets.NONE));

        assertFalse(r.hasMore());
        assertEquals(2, r.pages());
        assertEquals(3, r.posts());
        assertEquals(List.of("4419", "4418", "4417"), r.records().stream().map(CollectedRecord::sourceId).toList());
        assertEquals(List.of("0", "20"), server.requests(LIST).stream().map(q -> q.query("start")).toList());
        assertTrue(server.requests(LIST).stream().allMatch(q -> "20".equals(q.query("length")) && "createTime".equals(q.query("sort"))));

        CollectedRecord post = r.records().get(0);
        assertEquals("gangnamunni", post.platform());
        assertEquals("hospital_question", post.category());
        assertEquals("hospital_question", post.scope());
        assertEquals("https://www.gangnamunni.com/community/4419", post.url());
        assertNull(post.title());
        assertPost(post, "압구정 코 재수술 잘하는 병원 어디인가요?", "봄비", "2025-01-15T13:10:00Z", 340L, 5L,
                List.of(new RecordComment("61001", "가을", "저 거기서 했는데 만족해요", "2025-01-15T13:30:00Z"),
                        new RecordComment("61003", "봄비", "혹시 원장님 성함 알 수 있을까요?", "2025-01-15T13:45:00Z")));
        assertEquals(2, r.comments());
        // KST midnight edge: 00:30 on the 15th is still the 15th
        assertEquals("2025-01-14T15:30:00Z", r.records().get(2).createdAt());

        // only the post with comments is opened, 5 s before it; 1 s before the second list page
        assertEquals(1, server.requests("/community/4419").size());
        assertTrue(server.requests().stream().noneMatch(q -> q.path().equals("/community/4418")));
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(1)), time.sleeps());
        FixtureServer.Recorded page = server.requests("/community/4419").get(0);
        assertTrue(page.header("Accept").startsWith("text/html"));
        FixtureServer.Recorded api = server.requests(LIST).get(0);
        assertEquals("https://www.gangnamunni.com", api.header("Origin"));
        assertTrue(api.header("Referer").startsWith("https://www.gangnamunni.com"));
        assertNull(api.header("Cookie"), "no token, no cookie");
    }

    @Test
    void limitIsExact() throws Exception {
        hospitalPages();
        BatchRequest req = new BatchRequest(gangnamunni(2, false, "hospital_question"), "hospital_question", "병원질문",
                null, 1, Secrets.NONE, NOW);
        BatchResult r = collector.collectBatch(req);
        assertEquals(List.of("4419"), r.records().stream().map(CollectedRecord::sourceId).toList());
        assertFalse(r.hasMore());
        assertEquals(1, server.requests(LIST).size());
    }

    @Test
    void threeEmptyPagesEndTheCategory() throws Exception {
        server.on("GET", LIST).fixture("gangnamunni/empty.json");
        BatchResult r = collector.collectBatch(first(gangnamunni(0, false, "free_chat"), "free_chat", Secrets.NONE));
        assertFalse(r.hasMore());
        assertEquals(0, r.posts());
        assertEquals(List.of("0", "20", "40"), server.requests(LIST).stream().map(q -> q.query("start")).toList());
        assertEquals("1", server.requests(LIST).get(0).query("categoryIds"));
    }

    @Test
    void reviewCategoryWithTokenAlsoEmitsReviewRecordsAndReadsTheReviewsApi() throws Exception {
        server.on("GET", LIST).query("categoryIds", 5).fixture("gangnamunni/review-page1.json");
        server.on("POST", REVIEWS).fixture("gangnamunni/reviews-api-page0.json");

        Run run = TestSupport.runAll(collector, first(gangnamunni(0, true, "review"), "review", new Secrets(null, TOKEN)), 3);

        assertEquals(1, run.posts, "review records do not count as posts");
        assertEquals(List.of("7702"), run.posts().stream().map(CollectedRecord::sourceId).toList());
        List<CollectedRecord> reviews = run.reviews();
        assertEquals(List.of("7702", "88002", "88001"), reviews.stream().map(CollectedRecord::sourceId).toList());

        CollectedRecord fromPost = reviews.get(0);
        assertEquals("review", fromPost.category());
        assertEquals("review", fromPost.scope());
        assertTreatment(fromPost, "바른성형외과", "코끝성형", 3_500_000L, 4.5);
        assertEquals("https://www.gangnamunni.com/community/7702", fromPost.url());

        CollectedRecord api = reviews.get(1);
        assertEquals(GangnamUnniCollector.REVIEWS_API_SCOPE, api.scope());
        assertEquals("review", api.category());
        assertEquals("2025-01-15T14:59:59Z", api.createdAt());
        assertEquals(9.0, api.rating());
        assertEquals(4_200_000L, api.price());
        assertEquals("코끝성형, 비중격연장", api.procedure());
        assertEquals("바른성형외과", api.hospital());
        assertEquals("리뷰어2", api.author());
        assertEquals("고민 끝에 코 수술 했어요. 자연스러워요.", api.body());

        FixtureServer.Recorded post = server.requests(REVIEWS).get(0);
        assertEquals(TOKEN, post.header("Authorization"));
        assertTrue(post.header("Content-Type").startsWith("application/json"));
        JsonNode body = Json.parse(post.body());
        assertEquals(0, body.at("/pagination/pageIndex").asInt());
        assertEquals(20, body.at("/pagination/pageSize").asInt());
        assertEquals("RECENT_POSTED_AT", body.at("/pagination/sort").asText());
        assertEquals("고민", body.get("keyword").asText());
        assertFalse(body.at("/filters/hasPhotos").asBoolean());
        assertEquals("token=" + TOKEN, server.requests(LIST).get(0).header("Cookie"));
        assertEquals(1, server.requests(REVIEWS).size(), "the first older review ends the reviews API");
    }

    @Test
    void withoutATokenTheReviewsApiIsSkippedWithANote() throws Exception {
        server.on("GET", LIST).query("categoryIds", 5).fixture("gangnamunni/review-page1.json");
        BatchResult r = collector.collectBatch(first(gangnamunni(0, true, "review"), "review", Secrets.NONE));
        assertFalse(r.hasMore());
        assertEquals(1, r.posts());
        assertEquals(2, r.records().size(), "the post and its review record");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("reviews API skipped")), r.notes().toString());
        assertTrue(server.requests(REVIEWS).isEmpty());
    }

    @Test
    void reviewsApiRefusingTheTokenIsANoteNotAFailure() throws Exception {
        server.on("GET", LIST).query("categoryIds", 5).fixture("gangnamunni/review-page1.json");
        server.on("POST", REVIEWS).reply(401, "{\"message\":\"unauthorized\"}");
        BatchResult r = collector.collectBatch(first(gangnamunni(0, true, "review"), "review", new Secrets(null, TOKEN)));
        assertFalse(r.hasMore());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("refused the token")));
        assertTrue(r.notes().stream().noneMatch(n -> n.contains(TOKEN)));
    }

    /** A free_chat call whose list page is {@code fixture} fails. */
    private SourceException freeChatFails(String fixture) {
        server.on("GET", LIST).fixture(fixture);
        return assertThrows(SourceException.class,
                () -> collector.collectBatch(first(gangnamunni(0, false, "free_chat"), "free_chat", Secrets.NONE)));
    }

    @Test
    void reasonOtherThanSuccessIsAnError() {
        SourceException e = freeChatFails("gangnamunni/reason-fail.json");
        assertEquals("reason", e.field());
        assertEquals("gangnamunni: the community API answered reason 'INVALID_TOKEN' instead of SUCCESS", e.getMessage());
    }

    @Test
    void missingCreateTimeIsNamed() {
        SourceException e = freeChatFails("gangnamunni/no-create-time.json");
        assertEquals("data[].createTime", e.field());
        assertTrue(e.getMessage().contains("'data[].createTime' missing"));
    }

    @Test
    void malformedJsonNamesTheSource() {
        SourceException e = freeChatFails("gangnamunni/malformed.json");
        assertTrue(e.getMessage().startsWith("gangnamunni: malformed JSON"), e.getMessage());
    }

    @Test
    void postPageWithoutNextDataIsAShapeError() {
        server.on("GET", LIST).query("start", 0).fixture("gangnamunni/hospital-page1.json");
        server.on("GET", "/community/4419").fixture("gangnamunni/post-no-next-data.html");
        SourceException e = assertThrows(SourceException.class, () -> collector.collectBatch(
                first(gangnamunni(0, false, "hospital_question"), "hospital_question", Secrets.NONE)));
        assertEquals("__NEXT_DATA__", e.field());
    }

    @Test
    void deletedPostPageKeepsThePostWithoutComments() throws Exception {
        server.on("GET", LIST).query("start", 0).fixture("gangnamunni/hospital-page1.json");
        server.on("GET", LIST).query("start", 20).fixture("gangnamunni/hospital-page2.json");
        server.on("GET", "/community/4419").reply(404, "<html>없는 글입니다</html>");
        BatchResult r = collector.collectBatch(first(gangnamunni(0, false, "hospital_question"), "hospital_question", Secrets.NONE));
        assertEquals(3, r.posts());
        assertEquals(List.of(), r.records().get(0).comments());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("4419")));
    }

    @Test
    void retryAfterAndServerErrorsAreRetried() throws Exception {
        server.on("GET", LIST).query("start", 0).reply(429, "").header("Retry-After", "3")
                .reply(502, "bad gateway").fixture("gangnamunni/hospital-page1.json");
        server.on("GET", LIST).query("start", 20).fixture("gangnamunni/hospital-page2.json");
        server.on("GET", "/community/4419").fixture("gangnamunni/post-4419.html");
        BatchResult r = collector.collectBatch(first(gangnamunni(0, false, "hospital_question"), "hospital_question", Secrets.NONE));
        assertEquals(3, r.posts());
        assertEquals(4, server.requests(LIST).size());
        assertEquals(Duration.ofSeconds(3), time.sleeps().get(0));
        assertEquals(Duration.ofMillis(1000), time.sleeps().get(1), "second attempt: jitter 0.5 of a 2 s ceiling");
    }

    @Test
    void theTimeBudgetEndsACallAndTheNextOneResumes() throws Exception {
        hospitalPages();
        Collector tight = Collectors.forPlatform(Platform.GANGNAMUNNI, options(server, time).withCallBudget(Duration.ofSeconds(4)));
        BatchRequest req = first(gangnamunni(0, false, "hospital_question"), "hospital_question", Secrets.NONE);
        BatchResult a = tight.collectBatch(req);
        // opening 4419 took 5 s of the 4 s budget: the call finishes its page but starts no other
        assertTrue(a.hasMore());
        assertEquals(1, a.pages());
        assertEquals(List.of("4419", "4418"), a.records().stream().map(CollectedRecord::sourceId).toList());
        assertEquals(2, a.nextCursor().get("page").asInt());

        BatchResult b = tight.collectBatch(req.next(a, 2));
        assertFalse(b.hasMore());
        assertEquals(List.of("4417"), b.records().stream().map(CollectedRecord::sourceId).toList());
    }

    @Test
    void aPageShiftedByNewPostsDoesNotEmitAPostTwice() throws Exception {
        server.on("GET", LIST).query("start", 0).fixture("gangnamunni/hospital-page1.json");
        server.on("GET", LIST).query("start", 20).fixture("gangnamunni/hospital-page2-shifted.json");
        server.on("GET", "/community/4419").fixture("gangnamunni/post-4419.html");
        Collector onePage = Collectors.forPlatform(Platform.GANGNAMUNNI, options(server, time).withMaxPagesPerCall(1));
        Run run = TestSupport.runAll(onePage, first(gangnamunni(0, false, "hospital_question"), "hospital_question", Secrets.NONE), 4);
        assertEquals(List.of("4419", "4418", "4417"), run.ids());
        assertEquals(3, run.posts);
    }

    @Test
    void aTokenThatCannotBeAHeaderIsRejectedWithoutEchoingIt() {
        SourceException e = assertThrows(SourceException.class, () -> collector.collectBatch(
                first(gangnamunni(0, false, "free_chat"), "free_chat", new Secrets(null, "tok\nInjected: yes"))));
        assertEquals("token", e.field());
        assertFalse(e.getMessage().contains("Injected"));
        assertTrue(server.requests().isEmpty());
    }
}
