package dev.gleaner.local.sources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.core.json.Json;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What the fixture server answers: the collectors module's recorded responses (written from the
 * documented shapes, see functions/collectors) for 2025-01-15, and generated Babitalk review pages
 * for long or slow collections. Public: the console's browser tests and the command line's tests use them too.
 */
public final class SourceFixtures {
    public static final String TARGET_DATE = "2025-01-15";
    public static final String CAFE = "10912875";
    public static final String GU_LIST = "/api/solar/search/document";
    public static final String GU_REVIEWS_API = "/display/search-view/reviews";
    public static final String NAVER_LEGACY = "/cafe-web/cafe2/ArticleListV2dot1.json";
    public static final String BABITALK_REVIEWS = "/v2/reviews";

    private SourceFixtures() {}

    /**
     * Babitalk on 2025-01-15: reviews 4 posts on 2 pages (90100, 90097, 90090, 90088); talks 3 posts
     * (5009 with 2 live comments, 5008, 7001 with 1) on 4 pages over services 79, 71, 72;
     * event-ask-memos empty in all 7 category ids (7 pages). Every list page answers after
     * {@code pageDelay}, so a poller sees the task running.
     */
    public static void babitalk(FixtureServer s, Duration pageDelay) {
        s.on("GET", "/v2/reviews").query("search_after", 0).fixture("babitalk/reviews-page1.json").stallBeforeHeaders(pageDelay);
        s.on("GET", "/v2/reviews").query("search_after", "1736927101000").fixture("babitalk/reviews-page2.json")
                .stallBeforeHeaders(pageDelay);
        s.on("GET", "/v2/community/talks").query("service_id", 79).query("search_after", 0)
                .fixture("babitalk/talks-79-page1.json").stallBeforeHeaders(pageDelay);
        s.on("GET", "/v2/community/talks").query("service_id", 79).query("search_after", 5008)
                .fixture("babitalk/talks-79-page2.json").stallBeforeHeaders(pageDelay);
        s.on("GET", "/v2/community/talks").query("service_id", 71).fixture("babitalk/talks-empty.json");
        s.on("GET", "/v2/community/talks").query("service_id", 72).fixture("babitalk/talks-72-page1.json");
        s.on("GET", "/v2/community/talks/5009/comments").query("page", 1).fixture("babitalk/comments-5009-page1.json");
        s.on("GET", "/v2/community/talks/5009/comments").query("page", 2).fixture("babitalk/comments-5009-page2.json");
        s.on("GET", "/v2/community/talks/7001/comments").query("page", 1).fixture("babitalk/comments-7001-page1.json");
        s.on("GET", "/v2/event-ask-memos").fixture("babitalk/memos-empty.json");
    }

    /**
     * Gangnam Unni on 2025-01-15: hospital_question 3 posts on 2 pages (4419 with 2 comments read
     * from its page's __NEXT_DATA__, 4418, 4417); review 1 post (7702) which save_as_reviews turns
     * into a review record too, plus 2 reviews from the reviews API (88002, 88001) when a token is
     * given.
     */
    public static void gangnamunni(FixtureServer s) {
        s.on("GET", GU_LIST).query("categoryIds", 11).query("start", 0).fixture("gangnamunni/hospital-page1.json");
        s.on("GET", GU_LIST).query("categoryIds", 11).query("start", 20).fixture("gangnamunni/hospital-page2.json");
        s.on("GET", "/community/4419").fixture("gangnamunni/post-4419.html");
        s.on("GET", GU_LIST).query("categoryIds", 5).fixture("gangnamunni/review-page1.json");
        s.on("POST", GU_REVIEWS_API).fixture("gangnamunni/reviews-api-page0.json");
    }

    /**
     * Naver cafe 10912875 on 2025-01-15: boards 공지사항 (1, empty), 자유&수다 (38: 239647 with 2
     * comments, 239640, legacy list API, 2 pages) and 성형 <후기> (39: the legacy API errs, the
     * board-list API answers 111205, 2 pages).
     */
    public static void naver(FixtureServer s) {
        s.on("GET", "/gw/v3/cafes/" + CAFE + "/menus").fixture("naver/menus.json");
        s.on("GET", NAVER_LEGACY).query("search.menuid", 1).fixture("naver/legacy-empty.json");
        s.on("GET", NAVER_LEGACY).query("search.menuid", 38).query("search.page", 1).fixture("naver/legacy-38-page1.json");
        s.on("GET", NAVER_LEGACY).query("search.menuid", 38).query("search.page", 2).fixture("naver/legacy-38-page2.json");
        s.on("GET", NAVER_LEGACY).query("search.menuid", 39).fixture("naver/legacy-error-9999.json");
        String boardList = "/cafe-web/cafe-boardlist-api/v1/cafes/" + CAFE + "/menus/39/articles";
        s.on("GET", boardList).query("page", 1).fixture("naver/boardlist-39-page1.json");
        s.on("GET", boardList).query("page", 2).fixture("naver/boardlist-39-page2.json");
        for (String id : new String[] {"239647", "239640", "111205"}) {
            s.on("GET", "/gw/v3/cafes/" + CAFE + "/articles/" + id).fixture("naver/article-" + id + ".json");
        }
    }

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * Babitalk review pages of {@code perPage} posts, ids from {@code firstId} downwards, all
     * written on 2025-01-15 (Seoul) one second apart, newest first, linked by {@code search_after};
     * the last page says {@code has_next: false}. Each page answers after {@code pageDelay}.
     *
     * @return the number of posts served
     */
    public static int generatedReviews(FixtureServer s, long firstId, int pages, int perPage, Duration pageDelay) {
        LocalDateTime newest = LocalDateTime.of(2025, 1, 15, 23, 59, 59);
        long searchAfter = 0;
        int n = 0;
        for (int page = 0; page < pages; page++) {
            ObjectNode body = Json.object();
            ArrayNode data = body.putArray("data");
            LocalDateTime last = newest;
            for (int i = 0; i < perPage; i++, n++) {
                long id = firstId - n;
                last = newest.minusSeconds(n);
                ObjectNode r = data.addObject();
                r.put("id", id);
                r.putArray("categories").add("쌍꺼풀");
                r.putArray("sub_categories");
                r.put("created_at", WALL.format(last));
                r.put("rating", 1 + (int) (id % 5));
                r.put("text", "생성된 후기 " + id + ": 붓기가 빠지는 중이에요.");
                r.put("is_blind", false);
                r.putArray("images");
                r.put("price", 1_000_000 + (id % 10) * 100_000);
                r.put("service", "TREATMENTS");
                r.putObject("user").put("id", 10_000 + id % 97).put("name", "작성자" + (id % 97)).putNull("profile");
                r.putObject("search_doctor").put("id", 7).put("name", "김의사");
                r.putObject("hospital").put("id", 9).put("name", "오늘성형외과");
            }
            long nextAfter = last.atZone(SEOUL).toInstant().toEpochMilli();
            body.putObject("pagination").put("has_next", page + 1 < pages).put("search_after", nextAfter);
            s.on("GET", BABITALK_REVIEWS).query("search_after", searchAfter).reply(200, Json.write(body))
                    .stallBeforeHeaders(pageDelay);
            searchAfter = nextAfter;
        }
        return n;
    }
}
