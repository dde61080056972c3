package dev.gleaner.collectors;

import static dev.gleaner.collectors.TestSupport.NOW;
import static dev.gleaner.collectors.TestSupport.gangnamunni;
import static dev.gleaner.collectors.TestSupport.naver;
import static dev.gleaner.collectors.TestSupport.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.time.FakeTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Secrets go out as headers and nowhere else: not in records, notes, exception messages or toString(). */
class SecretsNeverLeakTest {
    private static final String TOKEN = "gu-tok-SECRET-4f9a1c77";
    private static final String AUT = "aut-SECRET-9f8e7d6c";
    private static final String SES = "ses-SECRET-1a2b3c4d";
    private static final String COOKIES = "NID_AUT=" + AUT + "; NID_SES=" + SES;
    private static final String CAFE = "10912875";

    private FixtureServer server;
    private FakeTime time;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void setUp() {
        server = FixtureServer.start();
        time = new FakeTime(NOW);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void assertClean() {
        for (String text : seen) {
            for (String secret : List.of(TOKEN, AUT, SES, COOKIES)) {
                assertFalse(text.contains(secret), "a secret leaked into: " + text);
            }
        }
    }

    private void see(BatchResult r) {
        seen.add(Json.write(r.records()));
        seen.addAll(r.notes());
        seen.add(String.valueOf(r.nextCursor()));
        seen.add(r.toString());
    }

    @Test
    void gangnamUnniToken() throws Exception {
        server.on("GET", "/api/solar/search/document").fixture("gangnamunni/review-page1.json");
        server.on("POST", "/display/search-view/reviews").fixture("gangnamunni/reviews-api-page0.json");
        Collector c = Collectors.forPlatform(Platform.GANGNAMUNNI, options(server, time));
        Secrets secrets = new Secrets(null, TOKEN);
        BatchRequest req = BatchRequest.first(gangnamunni(0, true, "review"), "review", "발품후기", secrets, NOW);
        seen.add(req.toString());

        TestSupport.Run run = TestSupport.runAll(c, req, 3);
        run.results.forEach(this::see);
        assertEquals(3, run.reviews().size());

        // sent, as the sources expect
        assertEquals("token=" + TOKEN, server.requests("/api/solar/search/document").get(0).header("Cookie"));
        assertEquals(TOKEN, server.requests("/display/search-view/reviews").get(0).header("Authorization"));

        // a server that echoes the token back in an error is scrubbed
        FixtureServer echo = FixtureServer.start();
        try {
            echo.on("GET", "/api/solar/search/document").reply(200, "{\"reason\":\"BAD_TOKEN " + TOKEN + "\",\"data\":[]}");
            Collector e = Collectors.forPlatform(Platform.GANGNAMUNNI, options(echo, time));
            SourceException ex = assertThrows(SourceException.class, () -> e.collectBatch(
                    BatchRequest.first(gangnamunni(0, false, "free_chat"), "free_chat", "자유수다", secrets, NOW)));
            seen.add(ex.getMessage());
            seen.add(ex.toString());
            assertTrue(ex.getMessage().contains("BAD_TOKEN ***"), ex.getMessage());
        } finally {
            echo.close();
        }
        assertClean();
    }

    @Test
    void naverCookies() throws Exception {
        String legacy = "/cafe-web/cafe2/ArticleListV2dot1.json";
        server.on("GET", "/gw/v3/cafes/" + CAFE + "/menus").fixture("naver/menus.json");
        server.on("GET", legacy).query("search.page", 1).fixture("naver/legacy-38-page1.json");
        server.on("GET", legacy).query("search.page", 2).fixture("naver/legacy-38-page2.json");
        server.on("GET", "/gw/v3/cafes/" + CAFE + "/articles/239647").fixture("naver/article-239647.json");
        // Naver declining an article with a reason that quotes a cookie value: the note must not carry it
        server.on("GET", "/gw/v3/cafes/" + CAFE + "/articles/239640")
                .reply(200, "{\"result\":{\"errorCode\":\"0002\",\"reason\":\"세션 " + AUT + " 의 글 아님\"}}");
        Collector c = Collectors.forPlatform(Platform.NAVER, options(server, time));
        Secrets secrets = new Secrets(COOKIES, null);

        c.plan(naver(CAFE, 20, 0), secrets).forEach(p -> seen.add(p.toString()));
        BatchRequest req = BatchRequest.first(naver(CAFE, 20, 0), "38", "자유&수다", secrets, NOW);
        seen.add(req.toString());
        BatchResult r = c.collectBatch(req);
        see(r);
        assertEquals(1, r.posts());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("239640") && n.contains("***")), r.notes().toString());
        String json = Json.write(r.records());
        assertFalse(json.contains("viewer-key-1"), "the logged-in viewer's block is not kept in raw");

        assertTrue(server.requests().stream().allMatch(q -> COOKIES.equals(q.header("Cookie"))), "every Naver call carries the cookies");

        // expired cookies: the message is plain and secret-free
        FixtureServer expired = FixtureServer.start();
        try {
            expired.on("GET", "/gw/v3/cafes/" + CAFE + "/menus").fixture(401, "naver/article-401.json");
            Collector e = Collectors.forPlatform(Platform.NAVER, options(expired, time));
            SourceException ex = assertThrows(SourceException.class, () -> e.plan(naver(CAFE, 20, 0), secrets));
            seen.add(ex.getMessage());
            seen.add(ex.toString());
            assertEquals(COOKIES, expired.requests().get(0).header("Cookie"));
        } finally {
            expired.close();
        }
        assertClean();
    }
}
