package dev.gleaner.safehttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.net.AddressPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Talks only to a MockWebServer on 127.0.0.1 that the test starts. */
class SafeHttpClientTest {
    private final MockWebServer server = LoopbackServer.start();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private SafeHttpClient.Builder loopbackClient() {
        return SafeHttpClient.builder().addressPolicy(AddressPolicy.LOOPBACK_FOR_TESTS)
                .sleeper(waits::add).retryBaseDelay(Duration.ofMillis(200));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    private static MockResponse html(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8").body(body).build();
    }

    @Test
    void fetchesPageWithBrowserHeadersAndLanguage() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8")
                .addHeader("Set-Cookie", "_shopify_y=abc; Path=/").addHeader("X-ShopId", "42")
                .body("<html><title>상품</title></html>").build());
        FetchResult r = loopbackClient().build().get(FetchRequest.html(url("/p/1")).withLanguage("ko"));
        assertEquals(200, r.status());
        assertEquals("<html><title>상품</title></html>", r.body());
        assertEquals(url("/p/1"), r.finalUrl());
        assertEquals(List.of(url("/p/1")), r.redirectChain());
        assertEquals(List.of("_shopify_y=abc"), r.cookies());
        assertEquals("42", r.header("x-shopid"));
        assertEquals("text/html; charset=utf-8", r.contentType());
        assertEquals("<html><title>상품</title></html>".getBytes(StandardCharsets.UTF_8).length, r.bytesRead());

        RecordedRequest req = server.takeRequest();
        assertEquals(BrowserHeaders.DEFAULT_USER_AGENT, req.getHeaders().get("User-Agent"));
        assertTrue(req.getHeaders().get("User-Agent").contains("Chrome/"));
        assertEquals("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", req.getHeaders().get("Accept-Language"));
        assertTrue(req.getHeaders().get("Accept").startsWith("text/html"));
        assertEquals("gzip, deflate", req.getHeaders().get("Accept-Encoding"));
    }

    @Test
    void customUserAgentIsSentAndBadHeaderValuesAreRefused() throws Exception {
        server.enqueue(html("<p>ok</p>"));
        loopbackClient().build().get(FetchRequest.html(url("/")).withUserAgent("MyBot/1.0"));
        assertEquals("MyBot/1.0", server.takeRequest().getHeaders().get("User-Agent"));
        FetchException e = assertThrows(FetchException.class,
                () -> loopbackClient().build().get(FetchRequest.html(url("/")).withUserAgent("a\r\nX-Evil: 1")));
        assertEquals(FetchException.Kind.INVALID_REQUEST, e.kind());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void decodesCharsetFromHeaderThenMetaThenUtf8() throws Exception {
        Charset euckr = Charset.forName("EUC-KR");
        String korean = "<html><head><meta charset=\"euc-kr\"></head><body>가격 12,900원</body></html>";
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html")
                .body(new Buffer().write(korean.getBytes(euckr))).build());
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=Shift_JIS")
                .body(new Buffer().write("<p>価格 3,500円</p>".getBytes(Charset.forName("Shift_JIS")))).build());
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html")
                .body(new Buffer().write("<p>Prix 12 €</p>".getBytes(StandardCharsets.UTF_8))).build());
        SafeHttpClient client = loopbackClient().build();
        assertTrue(client.get(url("/kr")).body().contains("가격 12,900원"));
        assertEquals("<p>価格 3,500円</p>", client.get(url("/jp")).body());
        assertEquals("<p>Prix 12 €</p>", client.get(url("/fr")).body());
    }

    @Test
    void decompressesGzipAndBothDeflateFlavours() throws Exception {
        String page = "<html><body>" + "compressible ".repeat(500) + "</body></html>";
        byte[] raw = page.getBytes(StandardCharsets.UTF_8);
        server.enqueue(compressed("gzip", gzip(raw)));
        server.enqueue(compressed("deflate", deflate(raw, false)));
        server.enqueue(compressed("deflate", deflate(raw, true)));
        SafeHttpClient client = loopbackClient().build();
        for (int i = 0; i < 3; i++) {
            FetchResult r = client.get(url("/c" + i));
            assertEquals(page, r.body(), "response " + i);
            assertEquals(raw.length, r.bytesRead());
        }
    }

    @Test
    void stopsAtTheSizeCapEvenWhenCompressed() throws Exception {
        byte[] big = ("<html>" + "x".repeat(4096) + "</html>").getBytes(StandardCharsets.UTF_8);
        server.enqueue(html(new String(big, StandardCharsets.UTF_8)));
        server.enqueue(compressed("gzip", gzip(big)));
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html")
                .chunkedBody(new String(big, StandardCharsets.UTF_8), 512).build());
        SafeHttpClient client = loopbackClient().maxBytes(2048).build();
        for (int i = 0; i < 3; i++) {
            FetchException e = assertThrows(FetchException.class, () -> client.get(url("/big")));
            assertEquals("page larger than 2 KB", e.getMessage());
            assertEquals(FetchException.Kind.TOO_LARGE, e.kind());
        }
        FetchException mb = assertThrows(FetchException.class, () -> {
            server.enqueue(html("y".repeat(100)));
            loopbackClient().maxBytes(5L * 1024 * 1024).build().get(url("/ok"));
            server.enqueue(html("z".repeat(6 * 1024 * 1024)));
            loopbackClient().build().get(url("/huge"));
        });
        assertEquals("page larger than 5 MB", mb.getMessage());
    }

    @Test
    void refusesNonHtmlWithoutReadingIt() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/pdf").body("%PDF-1.7").build());
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("just text").build());
        SafeHttpClient client = loopbackClient().build();
        FetchException pdf = assertThrows(FetchException.class, () -> client.get(url("/file.pdf")));
        assertEquals("response is not HTML (application/pdf)", pdf.getMessage());
        assertEquals(FetchException.Kind.WRONG_CONTENT_TYPE, pdf.kind());
        FetchException txt = assertThrows(FetchException.class, () -> client.get(url("/file.txt")));
        assertEquals("response is not HTML (text/plain)", txt.getMessage());
    }

    @Test
    void fetchesJsonWhenAskedFor() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json; charset=utf-8")
                .body("{\"product\":{\"title\":\"Tee\"}}").build());
        server.enqueue(html("<html></html>"));
        SafeHttpClient client = loopbackClient().build();
        assertEquals("{\"product\":{\"title\":\"Tee\"}}", client.get(FetchRequest.json(url("/products/tee.json"))).body());
        assertEquals("application/json, text/plain, */*", server.takeRequest().getHeaders().get("Accept"));
        FetchException e = assertThrows(FetchException.class, () -> client.get(FetchRequest.json(url("/x.json"))));
        assertEquals("response is not JSON (text/html)", e.getMessage());
    }

    @Test
    void reportsHttpErrorsReadably() {
        server.enqueue(new MockResponse.Builder().code(404).body("nope").build());
        server.enqueue(new MockResponse.Builder().code(403).status("HTTP/1.1 403 ").body("").build());
        SafeHttpClient client = loopbackClient().build();
        FetchException e = assertThrows(FetchException.class, () -> client.get(url("/missing")));
        assertEquals("HTTP 404 Not Found", e.getMessage());
        assertEquals(404, e.status());
        assertEquals(FetchException.Kind.HTTP_STATUS, e.kind());
        FetchException f = assertThrows(FetchException.class, () -> client.get(url("/forbidden")));
        assertEquals("HTTP 403 Forbidden", f.getMessage());
        assertEquals("HTTP 404 Not Found", SafeHttpClient.statusLine(404, ""));
        assertEquals("HTTP 599", SafeHttpClient.statusLine(599, null));
        assertEquals("HTTP 599 Custom", SafeHttpClient.statusLine(599, "Custom"));
    }

    @Test
    void retriesServerErrorsWithBackoffThenSucceeds() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(502).build());
        server.enqueue(html("<p>finally</p>"));
        FetchResult r = loopbackClient().maxAttempts(3).build().get(url("/flaky"));
        assertEquals("<p>finally</p>", r.body());
        assertEquals(3, server.getRequestCount());
        assertEquals(2, waits.size());
        // Equal jitter: between half and all of 200 ms, then of 400 ms.
        assertTrue(waits.get(0).toMillis() >= 100 && waits.get(0).toMillis() <= 200, waits.toString());
        assertTrue(waits.get(1).toMillis() >= 200 && waits.get(1).toMillis() <= 400, waits.toString());
    }

    @Test
    void honoursRetryAfterWithinBoundsAndGivesUpBeyond() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build());
        server.enqueue(html("<p>ok</p>"));
        assertEquals("<p>ok</p>", loopbackClient().build().get(url("/rate")).body());
        assertEquals(List.of(Duration.ofSeconds(3)), waits);

        waits.clear();
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build());
        FetchException e = assertThrows(FetchException.class, () -> loopbackClient().build().get(url("/rate")));
        assertEquals("HTTP 429 Too Many Requests", e.getMessage());
        assertEquals(List.of(), waits);
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void givesUpAfterMaxAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(500).build());
        }
        FetchException e = assertThrows(FetchException.class, () -> loopbackClient().maxAttempts(3).build().get(url("/down")));
        assertEquals("HTTP 500 Internal Server Error", e.getMessage());
        assertEquals(500, e.status());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void timesOutAsAWhole() {
        server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("late").build());
        FetchException e = assertThrows(FetchException.class, () -> loopbackClient().maxAttempts(1)
                .totalTimeout(Duration.ofMillis(300)).build().get(url("/slow")));
        assertEquals("Failed to load page: timeout", e.getMessage());
        assertEquals(FetchException.Kind.TIMEOUT, e.kind());
    }

    @Test
    void followsRedirectsByHandKeepingCookies() throws Exception {
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "/step2")
                .addHeader("Set-Cookie", "region=kr; Path=/").build());
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", url("/final")).build());
        server.enqueue(html("<p>landed</p>"));
        FetchResult r = loopbackClient().build().get(url("/start"));
        assertEquals(url("/final"), r.finalUrl());
        assertEquals(List.of(url("/start"), url("/step2"), url("/final")), r.redirectChain());
        assertEquals(List.of("region=kr"), r.cookies());
        server.takeRequest();
        assertEquals("region=kr", server.takeRequest().getHeaders().get("Cookie"));
    }

    @Test
    void limitsRedirects() {
        for (int i = 0; i < 7; i++) {
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/loop" + i).build());
        }
        FetchException e = assertThrows(FetchException.class, () -> loopbackClient().maxRedirects(5).build().get(url("/loop")));
        assertEquals("Failed to load page: too many redirects (more than 5)", e.getMessage());
        assertEquals(6, server.getRequestCount());
    }

    @Test
    void redirectToUnspecifiedAddressIsRefusedEvenWithTheLoopbackOptIn() {
        // 0.0.0.0 reaches the local host on Linux: it must be refused, not connected.
        server.enqueue(new MockResponse.Builder().code(302)
                .setHeader("Location", "http://0.0.0.0:" + server.getPort() + "/admin").build());
        server.enqueue(html("<p>secret</p>"));
        FetchException e = assertThrows(FetchException.class, () -> loopbackClient().build().get(url("/go")));
        assertEquals("refused address: unspecified address", e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void postsJsonCallbacks() throws Exception {
        server.enqueue(new MockResponse.Builder().code(307).setHeader("Location", "/hook2").build());
        server.enqueue(new MockResponse.Builder().code(204).build());
        FetchResult r = loopbackClient().build().post(url("/hook"), "{\"task_id\":\"t1\"}", Map.of("X-Signature", "abc"));
        assertEquals(204, r.status());
        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        for (RecordedRequest req : List.of(first, second)) {
            assertEquals("POST", req.getMethod());
            assertEquals("{\"task_id\":\"t1\"}", req.getBody().utf8());
            assertEquals("application/json; charset=utf-8", req.getHeaders().get("Content-Type"));
            assertEquals("abc", req.getHeaders().get("X-Signature"));
        }
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere").build());
        FetchException e = assertThrows(FetchException.class, () -> loopbackClient().build().post(url("/hook"), "{}", null));
        assertTrue(e.getMessage().startsWith("HTTP 302 Found"), e.getMessage());
    }

    @Test
    void rejectsUnsupportedUrlsWithoutConnecting() {
        SafeHttpClient client = loopbackClient().build();
        assertEquals(FetchException.Kind.INVALID_REQUEST, assertThrows(FetchException.class, () -> client.get("file:///etc/passwd")).kind());
        assertEquals(FetchException.Kind.INVALID_REQUEST, assertThrows(FetchException.class, () -> client.get("gopher://127.0.0.1/")).kind());
        assertEquals(FetchException.Kind.INVALID_REQUEST, assertThrows(FetchException.class, () -> client.get("not a url")).kind());
        assertEquals(0, server.getRequestCount());
    }

    private static MockResponse compressed(String encoding, byte[] body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8")
                .setHeader("Content-Encoding", encoding).body(new Buffer().write(body)).build();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] raw, boolean nowrap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, nowrap))) {
            d.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void nullSafeHelpers() {
        assertNull(new FetchException(FetchException.Kind.IO, "x").status());
        assertNotNull(SafeHttpClient.shared());
        assertFalse(SafeHttpClient.shared().policy().allowsLoopback());
    }
}
