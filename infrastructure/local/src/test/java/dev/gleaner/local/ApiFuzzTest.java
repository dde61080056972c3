package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.api.Endpoints;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.net.AddressPolicy;
import dev.gleaner.core.task.Platform;
import dev.gleaner.local.http.RawHttp;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.web.WebRoutes;
import dev.gleaner.workflow.callback.CallbackSender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded, bounded fuzzing of the whole local runner (real handlers, DynamoDB Local, the workflow)
 * over raw sockets: every route and unknown ones, every method, mangled paths, queries, headers
 * and bodies, and some requests that are not HTTP at all. Whatever arrives: never a 5xx, always a
 * JSON body (204 and HEAD aside), always a complete answer within 2 s. A failure prints the seed
 * and the request number, so it replays exactly.
 */
class ApiFuzzTest {
    private static final long SEED = Long.getLong("gleaner.fuzz.seed", 20261203L);
    private static final int REQUESTS = Integer.getInteger("gleaner.fuzz.requests", 2500);
    private static final Duration ANSWER = Duration.ofSeconds(2);
    private static final String KEY = "fuzz-key";
    private static final String ALLOWED_PAGE = "http://localhost:5173";
    private static LocalRunner runner;

    @BeforeAll
    static void start() throws Exception {
        Map<Platform, ScriptedCollector> collectors = new EnumMap<>(Platform.class);
        for (Platform p : Platform.values()) {
            ScriptedCollector c = new ScriptedCollector(p);
            c.batchesPerCategory = 1;
            c.postsPerBatch = 2;
            collectors.put(p, c);
        }
        // Nothing leaves the machine: page fetches and callbacks resolve no address at all.
        SafeHttpClient offline = SafeHttpClient.builder().addressPolicy(AddressPolicy.STRICT).resolver(host -> List.of())
                .maxAttempts(1).totalTimeout(Duration.ofSeconds(1)).build();
        runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null).withApiKey(KEY)
                        .withCorsOrigins(List.of(ALLOWED_PAGE)),
                new LocalRunner.Overrides(collectors::get, new CallbackSender(offline, () -> "fuzz-secret"), offline, 1));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @Test
    void noRequestGetsA5xxANonJsonBodyOrALateAnswer() throws Exception {
        // Warm up first (class loading, JIT): the 2 s bound is about a running runner, not a cold start.
        for (String warm : List.of("GET " + Endpoints.COLLECTIONS + "/tasks", "GET " + Endpoints.COLLECTIONS + "/status/summary",
                "POST " + Endpoints.COLLECTIONS + "/babitalk/start", "POST /scrape", "GET /tasks/" + UUID.randomUUID(),
                "GET " + Endpoints.COLLECTIONS + "/records?platform=babitalk&category=reviews&date=2025-01-01")) {
            String[] mp = warm.split(" ");
            String body = mp[0].equals("POST") ? (mp[1].equals("/scrape") ? "{\"url\": \"https://shop.example.com/warm\"}"
                    : "{\"categories\": [\"reviews\"]}") : "";
            RawHttp.send(runner.port(), (warm + " HTTP/1.1\r\nHost: localhost\r\nx-api-key: " + KEY
                    + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
        }
        Gen gen = new Gen(new Random(SEED));
        Map<Integer, Integer> statuses = new TreeMap<>();
        long slowest = 0;
        String slowestRequest = "";
        for (int i = 0; i < REQUESTS; i++) {
            byte[] request = gen.request();
            String shown = new String(request, 0, Math.min(request.length, 400), StandardCharsets.ISO_8859_1);
            RawHttp.Answer a;
            try {
                a = RawHttp.send(runner.port(), request, ANSWER);
            } catch (Exception e) {
                fail("request " + i + " (seed " + SEED + ") got no complete answer within " + ANSWER.toMillis() + " ms: " + e
                        + "\n" + shown);
                return;
            }
            statuses.merge(a.status(), 1, Integer::sum);
            if (a.millis() > slowest) {
                slowest = a.millis();
                slowestRequest = shown.lines().findFirst().orElse("");
            }
            String where = "request " + i + " (seed " + SEED + "):\n" + shown + "\n-> " + a;
            assertTrue(a.status() >= 100 && a.status() < 500, where);
            boolean noBody = a.status() == 204 || a.status() == 304 || gen.lastMethod.equals("HEAD");
            // the web console's files (at / and under /console) are HTML, JS, CSS; every error is JSON
            boolean page = a.status() < 400 && !String.valueOf(a.header("content-type")).startsWith("application/json")
                    && gen.lastStatic;
            if (!noBody && !page) {
                assertTrue(String.valueOf(a.header("content-type")).startsWith("application/json"), where);
                JsonNode body = a.json();
                if (a.status() >= 400) {
                    assertTrue(body.path("error").isTextual(), where);
                }
            }
            gen.learn(a);
        }
        System.out.println("fuzz: " + REQUESTS + " requests, seed " + SEED + ", statuses " + statuses + ", slowest "
                + slowest + " ms (" + slowestRequest + "), " + gen.taskIds.size() + " tasks made");
        assertTrue(statuses.keySet().stream().anyMatch(s -> s >= 200 && s < 300), "some requests were valid: " + statuses);
        assertTrue(statuses.getOrDefault(400, 0) > REQUESTS / 10, "most mangled requests reach validation: " + statuses);
        // and the runner is still itself afterwards
        RawHttp.Answer after = RawHttp.send(runner.port(), ("GET " + Endpoints.COLLECTIONS + "/status/summary HTTP/1.1\r\n"
                + "Host: localhost\r\nx-api-key: " + KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), ANSWER);
        assertEquals(200, after.status(), after.toString());
    }

    /** Generates requests from a seed; learns task ids from answers so that some ids exist. */
    private static final class Gen {
        private final Random r;
        final List<String> taskIds = new ArrayList<>();
        String lastMethod = "";
        boolean lastStatic;

        Gen(Random r) {
            this.r = r;
        }

        void learn(RawHttp.Answer a) {
            if ((a.status() == 202 || a.status() == 200) && a.body().contains("task_id")) {
                try {
                    String id = a.json().path("task_id").asText("");
                    if (!id.isEmpty() && taskIds.size() < 200) {
                        taskIds.add(id);
                    }
                } catch (AssertionError notJson) {
                    // checked by the caller
                }
            }
        }

        private <T> T pick(List<T> items) {
            return items.get(r.nextInt(items.size()));
        }

        private boolean chance(double p) {
            return r.nextDouble() < p;
        }

        byte[] request() {
            if (chance(0.04)) {
                lastMethod = "";
                return garbage();
            }
            String method = method();
            lastMethod = method;
            String path = path();
            String bare = path.startsWith("/") ? path : "/";
            lastStatic = bare.equals("/") || bare.equals("/") || WebRoutes.match(bare).isPresent();
            String target = path + query();
            byte[] body = body(method);
            StringBuilder h = new StringBuilder();
            String version = chance(0.97) ? "HTTP/1.1" : pick(List.of("HTTP/1.0", "HTTP/1.2", "HTTP/2.0", "HTTP/0.9", "HTTP/1", "FOO/1.1", ""));
            String eol = chance(0.97) ? "\r\n" : "\n";
            h.append(method).append(' ').append(target).append(version.isEmpty() ? "" : " " + version).append(eol);
            if (chance(0.97)) {
                h.append("Host: ").append(host()).append(eol);
            }
            if (chance(0.9)) {
                h.append("x-api-key: ").append(chance(0.95) ? KEY : pick(List.of("", "wrong", KEY + " ", KEY.toUpperCase()))).append(eol);
            }
            if (chance(0.15)) {
                h.append("Origin: ").append(pick(List.of(ALLOWED_PAGE, "http://evil.example", "null", "http://localhost:"
                        + runner.port(), "https://localhost:5173", "%%%"))).append(eol);
            }
            if (chance(0.6)) {
                h.append("Content-Type: ").append(pick(List.of("application/json", "application/json; charset=utf-8",
                        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json; charset=latin1")))
                        .append(eol);
            }
            if (chance(0.2)) {
                h.append(pick(List.of("Accept: application/json", "Accept: text/html", "Accept: */*", "Accept: text/csv",
                        "Accept: application/x-ndjson", "Accept: image/png;q=0.1", "Accept-Charset: ebcdic",
                        "Prefer: wait=" + pick(List.of("0", "1", "-1", "abc", "999999", "")), "Idempotency-Key: " + UUID.randomUUID(),
                        "Accept-Encoding: gzip", "Cookie: a=b", "X-Forwarded-For: 10.0.0.1", "Connection: keep-alive",
                        "Expect: 100-continue", "Range: bytes=0-10", "If-None-Match: *", "Transfer-Encoding: gzip",
                        "X-Long: " + "h".repeat(r.nextInt(20_000)), "Bad Header: x", ": empty", "X-Ctl: a\u0001b",
                        "X-Utf8: \uD55C\uAE00")).replace("\n", "")).append(eol);
            }
            int length = body.length;
            if (chance(0.05)) {
                length = pick(List.of(length + 10, Math.max(0, length - 1), 0, -1));
                h.append("Content-Length: ").append(length < 0 ? "abc" : Integer.toString(length)).append(eol);
            } else if (chance(0.05) && body.length > 0) {
                h.append("Transfer-Encoding: chunked").append(eol);
                body = chunked(body);
            } else if (body.length > 0 || method.equals("POST") || chance(0.3)) {
                h.append("Content-Length: ").append(body.length).append(eol);
            }
            h.append("Connection: close").append(eol).append(eol);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] head = h.toString().getBytes(chance(0.9) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            out.write(head, 0, head.length);
            out.write(body, 0, body.length);
            return out.toByteArray();
        }

        private byte[] chunked(byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int i = 0;
            while (i < body.length) {
                int n = Math.min(body.length - i, 1 + r.nextInt(64));
                byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                out.write(size, 0, size.length);
                out.write(body, i, n);
                out.write('\r');
                out.write('\n');
                i += n;
            }
            byte[] end = (chance(0.9) ? "0\r\n\r\n" : "zz\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write(end, 0, end.length);
            return out.toByteArray();
        }

        private byte[] garbage() {
            return switch (r.nextInt(5)) {
                case 0 -> {
                    byte[] b = new byte[1 + r.nextInt(600)];
                    r.nextBytes(b);
                    yield b;
                }
                case 1 -> new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
                case 2 -> "GET /\r\n".getBytes(StandardCharsets.US_ASCII);
                case 3 -> ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                default -> ("GET " + "/a".repeat(r.nextInt(12_000)) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
            };
        }

        private String method() {
            if (chance(0.8)) {
                return pick(List.of("GET", "GET", "GET", "POST", "POST", "DELETE"));
            }
            return pick(List.of("PUT", "PATCH", "HEAD", "OPTIONS", "TRACE", "get", "Post", "BREW", "M-SEARCH", "PROPFIND"));
        }

        private String host() {
            if (chance(0.93)) {
                return pick(List.of("localhost:" + runner.port(), "127.0.0.1:" + runner.port(), "localhost"));
            }
            return pick(List.of("evil.example", "localhost.evil.example", "[::1]:" + runner.port(), "", "a b", "127.0.0.2",
                    "localhost:99999", "LOCALHOST."));
        }

        private String id() {
            if (!taskIds.isEmpty() && chance(0.5)) {
                return pick(taskIds);
            }
            return pick(List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString().toUpperCase(), "x", "",
                    "not-a-uuid", "%ZZ", "%E0%A4%A", "..", "%2e%2e", "12345678-1234-1234-1234-1234567890123", "%00",
                    "\uD83D\uDE00", "%F0%9F%98%80", "a%2Fb", "null", "-1", "9".repeat(300), "' OR 1=1 --", "%25"));
        }

        private String path() {
            String collections = Endpoints.COLLECTIONS;
            String p = switch (r.nextInt(16)) {
                case 0, 1 -> collections + "/" + pick(List.of("babitalk", "gangnamunni", "naver", "instagram", "", "BABITALK",
                        "%62abitalk", "naver%00")) + "/start";
                case 2, 3 -> collections + "/task/" + id();
                case 4 -> collections + "/task/" + id() + "/items";
                case 5 -> collections + "/tasks";
                case 6 -> collections + "/status/summary";
                case 7 -> collections + "/records";
                case 8 -> "/scrape";
                case 9, 10 -> "/tasks/" + id();
                case 11 -> "/tasks/" + id() + "/result";
                case 12 -> "/";
                case 13 -> pick(List.of("/openapi.json", "/docs", "/console", "/favicon.ico", "/api", "/api/v1",
                        collections, collections + "/", "/tasks", "/tasks/", "/scrape/", "/api/v2/whatever"));
                case 14 -> collections + "/task/" + id() + "/resume";
                default -> pick(List.of("//", "///scrape", "/..", "/./tasks", "/%", "/%zz", "/a b", "/\u00e9",
                        "/\uD83D\uDE00", "/tasks/%2F", "*", "http://evil.example/scrape", "/" + "x".repeat(r.nextInt(9000)),
                        collections + "/task//items", collections + "/../../etc/passwd"));
            };
            if (chance(0.05)) {
                p = p + "/";
            }
            return p;
        }

        private String query() {
            if (chance(0.55)) {
                return "";
            }
            List<String> names = List.of("limit", "next_token", "status", "type", "platform", "category", "date", "format",
                    "x", "", "limit[]", "%zz", "wait");
            List<String> values = List.of("", "0", "1", "50", "200", "201", "-1", "1e3", "abc", "%zz", "%", "%E0%A4%A",
                    "babitalk", "naver", "gangnamunni", "reviews", "talks", "review", "자유게시판", "pending", "running",
                    "completed", "failed", "cancelled", "babitalk_collect", "2025-01-01", "-0001-01-01", "+10000-01-01",
                    "2025-02-30", "9".repeat(40), "eyJ4IjoxfQ", "eyJpZCI6eyJTIjoiYSJ9fQ==", "bm90IGpzb24", "null",
                    "csv", "ndjson", "%F0%9F%98%80", "\uD83D\uDE00", "a+b", "a%20b", "x".repeat(3000));
            StringBuilder q = new StringBuilder("?");
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    q.append(chance(0.9) ? "&" : ";");
                }
                q.append(pick(names));
                if (chance(0.9)) {
                    q.append('=').append(pick(values));
                }
            }
            return q.toString();
        }

        private byte[] body(String method) {
            if (!method.equals("POST") && chance(0.8)) {
                return new byte[0];
            }
            return switch (r.nextInt(10)) {
                case 0 -> new byte[0];
                case 1 -> {
                    byte[] b = new byte[r.nextInt(300)];
                    r.nextBytes(b);
                    yield b;
                }
                case 2 -> pick(List.of("{}", "{\"categories\": [\"reviews\"], \"limit\": 5}", "{\"cafe_id\": \"10912875\"}",
                        "{\"url\": \"https://shop.example.com/p/2\"}", "{\"categories\": [\"review\"], \"save_as_reviews\": true}",
                        "null", "[]", "42", "\"text\"", "{", "{\"a\":", "}", "{\"limit\": 1e400}",
                        "{\"limit\": " + "9".repeat(1200) + "}", "[".repeat(3000), "{\"" + "k".repeat(60_000) + "\": 1}",
                        "{\"limit\": 1, \"limit\": 2}", "{} {}", "target_date=2025-01-01", "\u0000", "{\"url\": \"\u0000\"}",
                        "{\"a\": \"\uD800\"}")).getBytes(StandardCharsets.UTF_8);
                case 3 -> ("{\"pad\": \"" + "x".repeat(60 * 1024 + r.nextInt(20 * 1024)) + "\"}").getBytes(StandardCharsets.UTF_8);
                default -> Json.write(jsonBody()).getBytes(StandardCharsets.UTF_8);
            };
        }

        /** A JSON object made of real field names and plausible or wrong values, sometimes misspelt. */
        private Map<String, Object> jsonBody() {
            List<String> fields = List.of("target_date", "end_date", "categories", "limit", "callback_url", "save_as_reviews",
                    "token", "cafe_id", "menu_id", "per_page", "naver_cookies", "url", "force_refresh", "proxy", "user_agent",
                    "block_images", "target_language", "target_data", "categorys", "foo", "URL", "");
            List<Object> values = new ArrayList<>(List.of("2025-01-01", "2026-12-02", "2030-01-01", "2025-02-30", "2025/01/01",
                    "", "reviews", "10912875", "38,39", "38,abc", 0, 1, 24, -1, 10001, 2.5, 1e30, true, false,
                    "https://shop.example.com/p/1", "http://127.0.0.1:9/x", "http://169.254.169.254/", "ftp://x", "http://[::1]/",
                    "javascript:alert(1)", "http://user:pass@proxy.example:3128", "en", "ko", "zz", "x".repeat(3000),
                    List.of("reviews", "talks"), List.of("review"), List.of(), List.of(1, 2), Map.of("a", 1)));
            values.add(null);
            Map<String, Object> m = new LinkedHashMap<>();
            int n = r.nextInt(6);
            for (int i = 0; i < n; i++) {
                m.put(pick(fields), pick(values));
            }
            if (chance(0.3)) {
                m.put("url", "https://shop.example.com/products/" + r.nextInt(1000));
            }
            return m;
        }
    }
}
