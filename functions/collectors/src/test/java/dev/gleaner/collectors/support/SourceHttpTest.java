package dev.gleaner.collectors.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.SourceEndpoints;
import dev.gleaner.core.time.FakeTime;
import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.collectors.RetryableSourceException;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.collectors.TestSupport;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceHttpTest {
    private FixtureServer server;
    private FakeTime time;
    private CollectorOptions options;

    @BeforeEach
    void setUp() {
        server = FixtureServer.start();
        time = new FakeTime(TestSupport.NOW);
        options = TestSupport.options(server, time);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Request get(SourceHttp http, String path) {
        return http.request(URI.create(server.origin() + path)).header("Cookie", "sid=secret-value").get().build();
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndIsRetryable() {
        server.on("GET", "/slow").reply(200, "{}").stallBeforeHeaders(Duration.ofSeconds(3));
        SourceHttp http = new SourceHttp("test", options.withRequestTimeout(Duration.ofMillis(150)));
        RetryableSourceException e = assertThrows(RetryableSourceException.class, () -> http.exchange(get(http, "/slow"), "/slow"));
        assertEquals("test: /slow: timed out waiting for " + URI.create(server.origin()).getAuthority()
                + ", 3 times in a row; try again later (set BABITALK_API_URL to use another origin)", e.getMessage());
        assertEquals(3, http.exchanges());
    }

    @Test
    void aHostThatDoesNotResolveFailsAtOnceNamingItAndTheVariable() {
        // .invalid never resolves (RFC 6761): the same answer offline or online
        CollectorOptions babitalk = options.withEndpoints(new SourceEndpoints(
                "https://web-api.babitalk.invalid", server.origin(), server.origin(), server.origin(), server.origin()));
        SourceHttp http = new SourceHttp("babitalk", babitalk);
        SourceException e = assertThrows(SourceException.class, () -> http.exchange(
                http.request(URI.create("https://web-api.babitalk.invalid/v2/reviews")).get().build(), "/v2/reviews"));
        assertEquals("babitalk: host not found: web-api.babitalk.invalid (set BABITALK_API_URL to use another origin)",
                e.getMessage());
        assertTrue(!e.retryable(), "a DNS failure is not retried for minutes");
        assertEquals(1, http.exchanges(), "and not retried inside the call either");
        assertTrue(time.sleeps().isEmpty(), "no back-off before failing: " + time.sleeps());
    }

    @Test
    void aRefusedConnectionNamesTheHostAndTheVariable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String origin = "http://127.0.0.1:" + closed;
        SourceHttp http = new SourceHttp("naver", options.withEndpoints(SourceEndpoints.allAt(origin)));
        RetryableSourceException e = assertThrows(RetryableSourceException.class, () -> http.exchange(
                http.request(URI.create(origin + "/cafe-web/x")).get().build(), "ArticleListV2dot1.json"));
        assertTrue(e.getMessage().startsWith("naver: ArticleListV2dot1.json: could not connect to 127.0.0.1:" + closed),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(set BABITALK_API_URL to use another origin)")
                || e.getMessage().contains("to use another origin"), e.getMessage());
    }

    @Test
    void aBodyThatStallsHalfwayIsBoundedToo() {
        server.on("GET", "/stall").reply(200, "{\"data\":\"" + "가".repeat(2000) + "\"}").stallMidBody(Duration.ofSeconds(3));
        SourceHttp http = new SourceHttp("test", options.withRequestTimeout(Duration.ofMillis(150)));
        RetryableSourceException e = assertThrows(RetryableSourceException.class, () -> http.exchange(get(http, "/stall"), "/stall"));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void oversizedBodiesAreRefused() {
        server.on("GET", "/big").reply(200, "x".repeat(5000));
        server.on("GET", "/bomb").reply(200, "y".repeat(50_000)).gzip();
        SourceHttp http = new SourceHttp("test", options, 4096);
        SourceException e = assertThrows(SourceException.class, () -> http.exchange(get(http, "/big"), "/big"));
        assertEquals("test: /big answered more than 4 KiB; refusing to read it", e.getMessage());
        SourceException z = assertThrows(SourceException.class, () -> http.exchange(get(http, "/bomb"), "/bomb"));
        assertTrue(z.getMessage().contains("more than 4 KiB"), "decompressed size counts too");
    }

    @Test
    void sameOriginRedirectsAreFollowedOthersAreNot() throws Exception {
        server.on("GET", "/old").reply(301, "").header("Location", "/new");
        server.on("GET", "/new").reply(200, "{\"ok\":true}");
        server.on("GET", "/away").reply(302, "").header("Location", "https://login.example.com/?next=x");
        SourceHttp http = new SourceHttp("test", options);

        HttpResult followed = http.exchange(get(http, "/old"), "/old");
        assertEquals(200, followed.status());
        assertEquals("{\"ok\":true}", followed.body());
        assertEquals("sid=secret-value", server.requests("/new").get(0).header("Cookie"));

        HttpResult notFollowed = http.exchange(get(http, "/away"), "/away");
        assertEquals(302, notFollowed.status());
        assertEquals(3, server.requests().size(), "nothing was sent to the other host");
    }

    @Test
    void retryAfterAsAnHttpDate() throws Exception {
        server.on("GET", "/busy").reply(503, "").header("Retry-After", "Thu, 16 Jan 2025 03:00:20 GMT").reply(200, "{}");
        SourceHttp http = new SourceHttp("test", options);
        assertEquals(200, http.exchange(get(http, "/busy"), "/busy").status());
        assertEquals(List.of(Duration.ofSeconds(20)), time.sleeps());
    }

    @Test
    void longRetryAfterDateBecomesAWait() {
        server.on("GET", "/busy").reply(429, "").header("Retry-After", "Thu, 16 Jan 2025 03:30:00 GMT");
        SourceHttp http = new SourceHttp("test", options);
        WaitRequired w = assertThrows(WaitRequired.class, () -> http.exchange(get(http, "/busy"), "/busy"));
        assertEquals(1800, w.seconds());
    }

    @Test
    void delayFactorScalesEveryWaitAndZeroSkipsThem() throws Exception {
        server.on("GET", "/flaky").reply(500, "").reply(500, "").reply(200, "{}");
        SourceHttp http = new SourceHttp("test", options.withDelayFactor(0.5));
        assertEquals(200, http.exchange(get(http, "/flaky"), "/flaky").status());
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), time.sleeps());

        server.on("GET", "/flaky2").reply(500, "").reply(200, "{}");
        FakeTime other = new FakeTime(TestSupport.NOW);
        SourceHttp none = new SourceHttp("test", options.withDelayFactor(0).withSleeper(other));
        assertEquals(200, none.exchange(get(none, "/flaky2"), "/flaky2").status());
        assertEquals(List.of(), other.sleeps());
    }

    @Test
    void charsetFromContentType() {
        // EUC-KR is read as windows-949, its superset, as browsers do (the scraper's rule too)
        assertEquals("x-windows-949", SourceHttp.charset("text/html; charset=euc-kr").name());
        assertEquals("UTF-8", SourceHttp.charset("application/json").name());
        assertEquals("UTF-8", SourceHttp.charset("text/html; charset=\"nonsense-42\"").name());
        assertEquals("UTF-8", SourceHttp.charset("").name());
    }
}
