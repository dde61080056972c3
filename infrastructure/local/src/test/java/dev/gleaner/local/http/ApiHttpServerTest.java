package dev.gleaner.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.api.Routes;
import dev.gleaner.api.http.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP layer alone (handlers replaced by an echo): whatever arrives on the socket gets a JSON
 * answer, slow and idle clients cannot starve others, and the Host, Origin and API-key checks hold.
 */
class ApiHttpServerTest {
    private static final String KEY = "test-key-1";
    private static final String PAGE = "http://localhost:3000";
    private static final Duration ANSWER = Duration.ofSeconds(2);
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static ApiHttpServer server;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        ApiDispatcher echo = new ApiDispatcher(route -> (event, context) -> {
            CALLS.add(event.getHttpMethod() + " " + event.getPath());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("route", route.path());
            m.put("body_length", event.getBody() == null ? 0 : event.getBody().length());
            m.put("query", event.getMultiValueQueryStringParameters());
            m.put("path_parameters", event.getPathParameters());
            return ApiResponse.json(200, m);
        });
        server = new ApiHttpServer("127.0.0.1", 0, echo, RequestGuard.of("127.0.0.1", List.of("gleaner.test"),
                List.of(PAGE), KEY), new ApiHttpServer.Limits(50, 1000, Duration.ofSeconds(1), Duration.ofSeconds(3)));
        server.start();
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String request(String method, String target, String... headers) {
        StringBuilder b = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(ANSWER);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Stream<Arguments> malformed() {
        String longHeader = "X-Pad: " + "a".repeat(20_000);
        byte[] tlsHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03, 0x00, 0x01, 0x02};
        byte[] random = new byte[512];
        new Random(42).nextBytes(random);
        return Stream.of(
                Arguments.of("bare LF line ends", "GET /api/v1/async-collection/tasks HTTP/1.1\nHost: localhost\nx-api-key: "
                        + KEY + "\n\n"),
                Arguments.of("HTTP/0.9", "GET /\r\n"),
                Arguments.of("no version", "GET /api/v1/async-collection/tasks\r\n\r\n"),
                Arguments.of("HTTP/2.0 on the HTTP/1 port", "GET / HTTP/2.0\r\nHost: localhost\r\n\r\n"),
                Arguments.of("HTTP/3.7", "GET / HTTP/3.7\r\nHost: localhost\r\n\r\n"),
                Arguments.of("TLS client hello", new String(tlsHello, StandardCharsets.ISO_8859_1)),
                Arguments.of("random bytes", new String(random, StandardCharsets.ISO_8859_1)),
                Arguments.of("non-numeric Content-Length", request("POST", "/scrape", "Content-Length: abc")),
                Arguments.of("negative Content-Length", request("POST", "/scrape", "Content-Length: -5")),
                Arguments.of("two Content-Lengths", request("POST", "/scrape", "Content-Length: 2", "Content-Length: 3") + "{}"),
                Arguments.of("Content-Length and chunked", request("POST", "/scrape", "Content-Length: 2",
                        "Transfer-Encoding: chunked") + "{}"),
                Arguments.of("broken chunk", request("POST", "/scrape", "Transfer-Encoding: chunked") + "zz\r\n{}\r\n0\r\n\r\n"),
                Arguments.of("body shorter than Content-Length", request("POST", "/scrape", "Content-Length: 50",
                        "x-api-key: " + KEY) + "{\"url\":"),
                Arguments.of("malformed escape in the path", request("GET", "/api/v1/async-collection/task/%zz")),
                Arguments.of("truncated escape in the path", request("GET", "/api/v1/async-collection/task/%E0%A4%A")),
                Arguments.of("malformed escape in the query", request("GET", "/api/v1/async-collection/tasks?limit=%zz",
                        "x-api-key: " + KEY)),
                Arguments.of("malformed escape in a query name", request("GET", "/api/v1/async-collection/tasks?%=1",
                        "x-api-key: " + KEY)),
                Arguments.of("empty segment", request("GET", "//api/v1/async-collection/tasks")),
                Arguments.of("encoded slash", request("GET", "/api/v1/async-collection/task/a%2Fb")),
                Arguments.of("dot segments", request("GET", "/api/../../etc/passwd")),
                Arguments.of("raw emoji in the path", request("GET", "/api/v1/async-collection/task/\uD83D\uDE00")),
                Arguments.of("raw UTF-8 in the query", request("GET", "/api/v1/async-collection/tasks?status=\uD55C")),
                Arguments.of("NUL in the path", request("GET", "/api/v1/async-collection/task/\u0000")),
                Arguments.of("space in the path", request("GET", "/api/v1/async collection/tasks")),
                Arguments.of("headers over the limit", request("GET", "/", longHeader)),
                Arguments.of("URI over the limit", request("GET", "/" + "a".repeat(20_000))),
                Arguments.of("header without a colon", request("GET", "/", "NoColonHere")),
                Arguments.of("control character in a header", request("GET", "/", "X-Test: a\u0001b")),
                Arguments.of("unknown method", request("BREW", "/")),
                Arguments.of("lower-case method", request("get", "/api/v1/async-collection/tasks", "x-api-key: " + KEY)),
                Arguments.of("CONNECT", "CONNECT localhost:80 HTTP/1.1\r\nHost: localhost:80\r\n\r\n"),
                Arguments.of("absolute URI to another host", request("GET", "http://evil.example/api/v1/async-collection/tasks")),
                Arguments.of("asterisk target", request("OPTIONS", "*")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void everyMalformedRequestGetsAJsonAnswerInTime(String name, String raw) throws Exception {
        RawHttp.Answer a = RawHttp.send(port, raw.getBytes(StandardCharsets.ISO_8859_1), ANSWER);
        assertTrue(a.status() < 500, name + ": " + a);
        if (a.status() != 204) {
            assertTrue(a.header("content-type").startsWith("application/json"), name + ": " + a);
            JsonNode body = a.json();
            assertTrue(body.has("error") || body.has("route"), name + ": " + a);
            assertFalse(a.body().contains("<html") || a.body().contains("at org.eclipse"), name + ": " + a);
        }
    }

    @Test
    void blankLinesAndNothingElseAreNotARequestAndTheConnectionIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) ANSWER.toMillis());
            s.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read(), "closed without an answer: there was no request to answer");
        }
    }

    @Test
    void aMalformedQueryEscapeIs400NamingTheParameter() throws Exception {
        RawHttp.Answer a = RawHttp.send(port, request("GET", "/api/v1/async-collection/tasks?limit=%zz", "x-api-key: " + KEY), ANSWER);
        assertEquals(400, a.status(), a.toString());
        assertEquals("limit", a.json().get("field").asText());
    }

    @Test
    void onlyTheHostNamesItServesAreAnswered() throws Exception {
        RawHttp.Answer rebound = RawHttp.send(port, "GET /api/v1/async-collection/tasks HTTP/1.1\r\nHost: attacker.example:"
                + port + "\r\nx-api-key: " + KEY + "\r\n\r\n", ANSWER);
        assertEquals(421, rebound.status(), rebound.toString());
        assertEquals("Host", rebound.json().get("field").asText());
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST", "gleaner.test:" + port)) {
            RawHttp.Answer ok = RawHttp.send(port, "GET /api/v1/async-collection/tasks HTTP/1.1\r\nHost: " + host
                    + "\r\nx-api-key: " + KEY + "\r\n\r\n", ANSWER);
            assertEquals(200, ok.status(), host + ": " + ok);
        }
        RawHttp.Answer http10 = RawHttp.send(port, "GET /api/v1/async-collection/tasks HTTP/1.0\r\nx-api-key: " + KEY
                + "\r\n\r\n", ANSWER);
        assertEquals(200, http10.status(), "HTTP/1.0 without Host: no browser sends that " + http10);
    }

    @Test
    void pagesOfOtherOriginsCanNeitherCallNorRead() throws Exception {
        int before = CALLS.size();
        RawHttp.Answer evil = RawHttp.send(port, request("POST", "/scrape", "Origin: http://evil.example",
                "Content-Type: text/plain", "Content-Length: 2", "x-api-key: " + KEY) + "{}", ANSWER);
        assertEquals(403, evil.status(), evil.toString());
        assertEquals("Origin", evil.json().get("field").asText());
        assertNull(evil.header("access-control-allow-origin"));
        assertEquals(before, CALLS.size(), "the handler never ran");

        RawHttp.Answer evilPreflight = RawHttp.send(port, request("OPTIONS", "/scrape", "Origin: http://evil.example",
                "Access-Control-Request-Method: POST"), ANSWER);
        assertEquals(403, evilPreflight.status());

        HttpResponse<String> listed = get("/api/v1/async-collection/tasks", "Origin", PAGE, "x-api-key", KEY);
        assertEquals(200, listed.statusCode());
        assertEquals(PAGE, listed.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                "the listed origin is echoed, never the handlers' deployed default *");
        assertTrue(listed.headers().allValues("Vary").contains("Origin"));

        RawHttp.Answer preflight = RawHttp.send(port, request("OPTIONS", "/scrape", "Origin: " + PAGE,
                "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type, x-api-key"), ANSWER);
        assertEquals(204, preflight.status(), preflight.toString());
        assertEquals(PAGE, preflight.header("access-control-allow-origin"));
        assertTrue(preflight.header("access-control-allow-headers").contains("X-Api-Key"));

        HttpResponse<String> plain = get("/api/v1/async-collection/tasks", "x-api-key", KEY);
        assertTrue(plain.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS header without an Origin");
        RawHttp.Answer sameOrigin = RawHttp.send(port, request("POST", "/scrape", "Origin: http://localhost:" + port,
                "Content-Length: 2", "x-api-key: " + KEY) + "{}", ANSWER);
        assertEquals(200, sameOrigin.status(), "a page served by the runner itself may call it: " + sameOrigin);
    }

    @Test
    void theApiKeyIsCheckedLikeApiGatewaysOnEveryApiRoute() throws Exception {
        for (Routes.Route r : Routes.ALL) {
            String path = r.path().replaceAll("\\{[a-z_]+}", "x");
            RawHttp.Answer missing = RawHttp.send(port, request(r.method(), path, "Content-Length: 0"), ANSWER);
            assertEquals(403, missing.status(), r + ": " + missing);
            assertEquals("x-api-key", missing.json().get("field").asText());
            RawHttp.Answer wrong = RawHttp.send(port, request(r.method(), path, "Content-Length: 0", "x-api-key: nope"), ANSWER);
            assertEquals(403, wrong.status());
            assertFalse(wrong.body().contains(KEY), "the key is never echoed");
            RawHttp.Answer right = RawHttp.send(port, request(r.method(), path, "Content-Length: 0", "X-API-Key: " + KEY), ANSWER);
            assertEquals(200, right.status(), r + ": " + right);
        }
        HttpResponse<String> console = get("/");
        assertEquals(200, console.statusCode(), "the web console needs no key (its data calls do)");
        assertTrue(console.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    @Test
    void bodiesOverTheLimitAre413WithoutBeingRead() throws Exception {
        RawHttp.Answer declared = RawHttp.send(port, request("POST", "/scrape", "x-api-key: " + KEY,
                "Content-Length: " + (ApiHttpServer.MAX_BODY_BYTES + 1)), ANSWER);
        assertEquals(413, declared.status(), declared.toString());
        assertEquals("body", declared.json().get("field").asText());
        assertTrue(declared.json().get("error").asText().contains("10 MiB"), declared.toString());

        // chunked, so the size is only known while reading
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) ANSWER.toMillis() * 5);
            s.getOutputStream().write(request("POST", "/scrape", "x-api-key: " + KEY, "Transfer-Encoding: chunked")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("100000\r\n" + "x".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            RawHttp.Answer a = null;
            try {
                for (int i = 0; i < 11; i++) {
                    s.getOutputStream().write(chunk);
                }
            } catch (IOException closedByServer) {
                // the server answered and closed while we were still sending
            }
            a = RawHttp.parse(RawHttp.readAll(s.getInputStream(), System.nanoTime() + ANSWER.toNanos() * 5), 0);
            assertEquals(413, a.status(), a.toString());
        }
    }

    @Test
    void aBodyThatStopsArrivingIs408() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write((request("POST", "/scrape", "x-api-key: " + KEY, "Content-Length: 100") + "{\"url\":")
                    .getBytes(StandardCharsets.ISO_8859_1));
            // the output stays open: the server must give up by itself (idle timeout, 1 s here)
            RawHttp.Answer a = RawHttp.parse(RawHttp.readAll(s.getInputStream(), System.nanoTime() + 15_000_000_000L), 0);
            assertEquals(408, a.status(), a.toString());
            assertEquals("body", a.json().get("field").asText());
        }
    }

    @Test
    void aBodyDrippingSlowerThanTheDeadlineIs408() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(200);
            s.getOutputStream().write((request("POST", "/scrape", "x-api-key: " + KEY, "Content-Length: 1000"))
                    .getBytes(StandardCharsets.ISO_8859_1));
            long end = System.nanoTime() + 20_000_000_000L;
            byte[] buf = new byte[4096];
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            // one byte every 200 ms keeps the connection out of its idle timeout; the 3 s deadline ends it
            while (System.nanoTime() < end) {
                try {
                    s.getOutputStream().write('x');
                } catch (IOException closed) {
                    // answered and closed
                }
                try {
                    int n = s.getInputStream().read(buf);
                    if (n < 0) {
                        break;
                    }
                    got.write(buf, 0, n);
                    if (got.toString(StandardCharsets.ISO_8859_1).contains("}")) {
                        break;
                    }
                } catch (SocketTimeoutException notYet) {
                    // keep dripping
                }
            }
            RawHttp.Answer a = RawHttp.parse(got.toByteArray(), 0);
            assertEquals(408, a.status(), a.toString());
        }
    }

    @Test
    void twoHundredIdleOrSlowConnectionsDoNotDelayANormalClient() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                switch (i % 4) {
                    case 0 -> { } // connected, silent
                    case 1 -> s.getOutputStream().write("GET /api/v1/async-coll".getBytes(StandardCharsets.US_ASCII));
                    case 2 -> s.getOutputStream().write(("POST /scrape HTTP/1.1\r\nHost: localhost\r\nx-api-key: " + KEY
                            + "\r\nContent-Length: 500\r\n\r\n{\"url\"").getBytes(StandardCharsets.US_ASCII));
                    default -> s.getOutputStream().write("POST /scrape HTTP/1.1\r\nHost: local".getBytes(StandardCharsets.US_ASCII));
                }
                slow.add(s);
            }
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = get("/api/v1/async-collection/tasks", "x-api-key", KEY);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(200, r.statusCode());
                assertTrue(ms < ANSWER.toMillis(), "answered in " + ms + " ms beside 200 slow connections");
            }
            // and the server lets go of the silent ones by itself (idle timeout)
            Socket silent = slow.get(0);
            silent.setSoTimeout(15_000);
            InputStream in = silent.getInputStream();
            assertEquals(-1, in.read(), "an idle connection is closed by the server");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
