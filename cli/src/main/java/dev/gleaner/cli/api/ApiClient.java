package dev.gleaner.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The HTTP side of every API command: one JDK {@link HttpClient}, the {@code x-api-key} header on
 * every call, errors turned into {@link ApiException}s (unreachable: exit 4; refused: exit 5).
 * The key is only ever sent, never printed.
 */
public final class ApiClient {
    public static final String DEFAULT_URL = "http://localhost:8000";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final String apiKey;
    private final String userAgent;
    private final HttpClient http;

    /** An answer: status, headers (names lower-cased) and body. */
    public record Response(int status, Map<String, String> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        public JsonNode json() {
            try {
                return Json.parse(body);
            } catch (IOException e) {
                throw new ApiException.Refused(status, "the API answered something that is not JSON: "
                        + abbreviate(body), null);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A streamed answer (exports); close it. */
    public record Stream(int status, Map<String, String> headers, InputStream body) implements AutoCloseable {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * @param baseUrl http(s)://host[:port][/stage]; a trailing slash is ignored
     * @throws IllegalArgumentException when it is not an http(s) URL with a host
     */
    public ApiClient(String baseUrl, String apiKey, String version) {
        this.base = normalise(baseUrl);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
        this.userAgent = "gleaner-cli/" + version;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static String normalise(String url) {
        String u = url == null ? "" : url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("must be an http:// or https:// URL such as " + DEFAULT_URL + ", not '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http:// or https:// URL such as " + DEFAULT_URL + ", not '" + url + "'");
        }
        return u;
    }

    public String baseUrl() {
        return base;
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of(), REQUEST_TIMEOUT);
    }

    /** GET with extra headers and a timeout (long polls with {@code Prefer: wait=N}). */
    public Response get(String path, Map<String, String> headers, Duration timeout) {
        return send("GET", path, null, headers, timeout);
    }

    public Response post(String path, JsonNode body, Map<String, String> headers) {
        return send("POST", path, body, headers, REQUEST_TIMEOUT);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of(), REQUEST_TIMEOUT);
    }

    /** Any answer, error statuses included; throws only when there is no answer. */
    public Response send(String method, String path, JsonNode body, Map<String, String> headers, Duration timeout) {
        HttpResponse<String> r = call(request(method, path, body, headers, timeout),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(r.statusCode(), headers(r), r.body());
    }

    /** A GET whose body is read as it arrives (exports of many records). */
    public Stream stream(String path, Map<String, String> headers) {
        HttpResponse<InputStream> r = call(request("GET", path, null, headers, Duration.ofMinutes(30)),
                HttpResponse.BodyHandlers.ofInputStream());
        return new Stream(r.statusCode(), headers(r), r.body());
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    /** Thrown when the calling thread is interrupted (Ctrl-C while waiting); the interrupt flag stays set. */
    public static final class Interrupted extends RuntimeException {
        public Interrupted() {
            super("interrupted", null, false, false);
        }
    }

    private HttpRequest request(String method, String path, JsonNode body, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", userAgent);
        if (apiKey != null) {
            b.header("x-api-key", apiKey);
        }
        headers.forEach(b::setHeader);
        if (body != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
            b.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private static Map<String, String> headers(HttpResponse<?> r) {
        Map<String, String> h = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> {
            if (!v.isEmpty()) {
                h.put(k.toLowerCase(Locale.ROOT), v.get(0));
            }
        });
        return h;
    }

    private ApiException.Unreachable unreachable(IOException e) {
        String reason;
        if (e instanceof HttpConnectTimeoutException) {
            reason = "connection timed out";
        } else if (e instanceof HttpTimeoutException) {
            reason = "no answer in time";
        } else if (e instanceof ConnectException && e.getCause() instanceof UnresolvedAddressException) {
            reason = "unknown host";
        } else if (e instanceof ConnectException) {
            reason = "connection refused";
        } else if (e instanceof SSLException) {
            reason = "TLS failure: " + e.getMessage();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new ApiException.Unreachable(base, reason, e);
    }

    /**
     * The error of a refused call, as the API states it: {@code {"error", "field"}} when the body
     * is that JSON (API Gateway's own errors say {@code message}), else the status line.
     */
    public static ApiException.Refused refused(Response r) {
        String error = null;
        String field = null;
        try {
            JsonNode n = Json.parse(r.body());
            if (n.isObject()) {
                error = n.path("error").isTextual() ? n.get("error").asText()
                        : n.path("message").isTextual() ? n.get("message").asText() : null;
                field = n.path("field").isTextual() ? n.get("field").asText() : null;
            }
        } catch (IOException | RuntimeException notJson) {
            // below
        }
        if (error == null) {
            error = r.body() == null || r.body().isBlank() ? "HTTP " + r.status() : abbreviate(r.body());
        }
        return new ApiException.Refused(r.status(), error, field);
    }

    /** The answer when it is a success; the API's error otherwise. */
    public static Response expectOk(Response r) {
        if (!r.ok()) {
            throw refused(r);
        }
        return r;
    }

    static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
