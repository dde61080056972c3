package dev.gleaner.safehttp;

import dev.gleaner.core.config.Env;
import dev.gleaner.core.config.Lazy;
import dev.gleaner.core.net.AddressPolicy;
import dev.gleaner.core.time.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.Credentials;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The one way Gleaner fetches URLs that users gave it (product pages, Shopify product JSON,
 * callbacks). Build it once and reuse it: every call shares one connection pool.
 *
 * <p>SSRF defences, applied to every hop: the host is checked by {@link AddressPolicy} before
 * each request (OkHttp does not consult its {@link Dns} for IP literals); names are resolved by
 * a {@link FilteringDns} that drops refused addresses, and OkHttp connects only to those;
 * redirects are followed by hand so each target gets both checks; a proxy's host passes the same
 * policy. No system proxy is ever used.
 *
 * <p>Also: connect, read and total time limits; a response size cap (streamed, stops at the cap,
 * applied after decompression); gzip and deflate; charset detection; browser-like headers;
 * retries on 429/5xx/timeouts by its {@link RetryPolicy} (exponential backoff with equal jitter,
 * a bounded {@code Retry-After}), the same policy type, Retry-After parser and body decoding
 * ({@link ResponseBodies}) the collectors use. Retry waits are scaled by {@link Env#delayFactor()}.
 */
public final class SafeHttpClient {
    /** Waits between attempts for real, scaled by the delay factor (tests pass one that records). */
    private static final Sleeper DEFAULT_SLEEPER = d -> {
        long millis = (long) (d.toMillis() * Env.delayFactor());
        if (millis > 0) {
            Thread.sleep(millis);
        }
    };

    private static final Lazy<SafeHttpClient> SHARED = Lazy.of(() -> builder().build());

    private final OkHttpClient base;
    private final AddressPolicy policy;
    private final Duration totalTimeout;
    private final long maxBytes;
    private final int maxRedirects;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final String defaultUserAgent;

    private SafeHttpClient(Builder b) {
        this.policy = b.policy == null ? AddressPolicy.fromEnvironment() : b.policy;
        this.totalTimeout = b.totalTimeout;
        this.maxBytes = b.maxBytes;
        this.maxRedirects = b.maxRedirects;
        this.retry = RetryPolicy.of(b.maxAttempts, b.retryBaseDelay, b.maxRetryDelay, RetryPolicy.Jitter.EQUAL,
                b.maxRetryDelay);
        this.sleeper = b.sleeper;
        this.defaultUserAgent = b.userAgent;
        OkHttpClient.Builder ok = OkHttpClients.base(b.connectTimeout, b.readTimeout)
                .dns(new FilteringDns(b.resolver, policy));
        if (b.socketFactory != null) {
            ok.socketFactory(b.socketFactory);
        }
        this.base = ok.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A process-wide client with default settings and the environment's address policy. */
    public static SafeHttpClient shared() {
        return SHARED.get();
    }

    public AddressPolicy policy() {
        return policy;
    }

    /** GETs an HTML page with default headers. */
    public FetchResult get(String url) throws FetchException {
        return get(FetchRequest.html(url));
    }

    public FetchResult get(FetchRequest request) throws FetchException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", request.userAgent() == null || request.userAgent().isBlank()
                ? defaultUserAgent : request.userAgent());
        headers.put("Accept", request.expect() == FetchRequest.Expect.JSON ? BrowserHeaders.ACCEPT_JSON : BrowserHeaders.ACCEPT_HTML);
        headers.put("Accept-Language", BrowserHeaders.acceptLanguage(request.language()));
        headers.putAll(request.headers());
        ProxySpec proxy = request.proxy() == null || request.proxy().isBlank() ? null : ProxySpec.parse(request.proxy());
        return execute("GET", request.url(), null, headers, request.expect(), proxy);
    }

    /**
     * POSTs a body (JSON unless {@code headers} say otherwise), e.g. a task to a user's
     * callback URL, under the same address policy. 307/308 redirects are followed with the body;
     * any other non-2xx answer is a {@link FetchException}. Retried like GETs on 429/5xx and
     * timeouts, so the receiver should tolerate a duplicate.
     */
    public FetchResult post(String url, String body, Map<String, String> headers) throws FetchException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("User-Agent", defaultUserAgent);
        h.put("Accept", BrowserHeaders.ACCEPT_JSON);
        if (headers != null) {
            h.putAll(headers);
        }
        if (h.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
            h.put("Content-Type", "application/json; charset=utf-8");
        }
        byte[] bytes = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        return execute("POST", url, bytes, h, FetchRequest.Expect.ANY, null);
    }

    private FetchResult execute(String method, String url, byte[] body, Map<String, String> headers,
            FetchRequest.Expect expect, ProxySpec proxy) throws FetchException {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        HttpUrl current = url == null ? null : HttpUrl.parse(url.trim());
        if (current == null) {
            throw new FetchException(FetchException.Kind.INVALID_REQUEST, "Failed to load page: invalid URL (http or https only)");
        }
        Request.Builder template = new Request.Builder();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            try {
                template.header(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                // The value itself may be a secret (a cookie): name only the header.
                throw new FetchException(FetchException.Kind.INVALID_REQUEST, "invalid header value for " + e.getKey());
            }
        }
        template.header("Accept-Encoding", "gzip, deflate");
        PerCallCookies cookies = new PerCallCookies();
        OkHttpClient client = clientFor(proxy, cookies);
        List<String> chain = new ArrayList<>();
        String currentMethod = method;
        for (int hop = 0; ; hop++) {
            checkTarget(current);
            chain.add(current.toString());
            RequestBody requestBody = body == null || currentMethod.equals("GET") ? null
                    : RequestBody.create(body, MediaType.parse(headerValue(headers, "Content-Type")));
            Request request = template.url(current).method(currentMethod, requestBody).build();
            Response response = executeWithRetries(client, request, deadline, proxy);
            int code = response.code();
            if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                String location = response.header("Location");
                response.close();
                if (location == null) {
                    throw new FetchException(FetchException.Kind.HTTP_STATUS,
                            statusLine(code, response.message()) + " without a Location header", code, null);
                }
                if (currentMethod.equals("POST") && code != 307 && code != 308) {
                    throw new FetchException(FetchException.Kind.HTTP_STATUS,
                            statusLine(code, response.message()) + " (the callback URL redirects)", code, null);
                }
                if (hop >= maxRedirects) {
                    throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
                            "Failed to load page: too many redirects (more than " + maxRedirects + ")");
                }
                HttpUrl next = current.resolve(location.trim());
                if (next == null) {
                    throw new FetchException(FetchException.Kind.INVALID_REQUEST,
                            "Failed to load page: redirect to an unsupported or invalid URL");
                }
                if (!next.host().equals(current.host())) {
                    // Credentials a caller set for one host never follow a redirect to another.
                    template.removeHeader("Authorization");
                    template.removeHeader("Cookie");
                }
                current = next;
                continue;
            }
            try (response) {
                if (code < 200 || code >= 300) {
                    throw new FetchException(FetchException.Kind.HTTP_STATUS, statusLine(code, response.message()), code, null);
                }
                String contentType = response.header("Content-Type");
                String mime = mimeOf(contentType);
                checkContentType(expect, mime);
                byte[] bytes = readCapped(response);
                String text = HtmlDecoding.decode(bytes, contentType);
                if (expect == FetchRequest.Expect.HTML && (mime == null || mime.equals("text/plain")) && !looksLikeMarkup(text)) {
                    throw new FetchException(FetchException.Kind.WRONG_CONTENT_TYPE,
                            "response is not HTML (" + (mime == null ? "no content type" : mime) + ")");
                }
                Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
                for (String name : response.headers().names()) {
                    responseHeaders.put(name.toLowerCase(Locale.ROOT), response.headers(name));
                }
                return new FetchResult(current.toString(), code, responseHeaders, cookies.setCookies(), contentType,
                        text, bytes.length, chain);
            }
        }
    }

    private OkHttpClient clientFor(ProxySpec proxy, PerCallCookies cookies) throws FetchException {
        OkHttpClient.Builder b = base.newBuilder().cookieJar(cookies);
        if (proxy != null) {
            AddressPolicy.Verdict v = policy.verdictForHost(proxy.host());
            if (!v.allowed()) {
                throw new FetchException(FetchException.Kind.REFUSED_ADDRESS, "proxy: refused address: " + v.reason());
            }
            // Unresolved: OkHttp resolves the proxy name through our filtering Dns.
            b.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
            if (proxy.hasCredentials()) {
                String credentials = Credentials.basic(proxy.username(), proxy.password());
                b.proxyAuthenticator((route, response) -> {
                    if (response.request().header("Proxy-Authorization") != null) {
                        return null; // already tried: the proxy refused these credentials
                    }
                    return response.request().newBuilder().header("Proxy-Authorization", credentials).build();
                });
            }
        }
        return b.build();
    }

    private void checkTarget(HttpUrl url) throws FetchException {
        AddressPolicy.Verdict v = policy.verdictForHost(url.host());
        if (!v.allowed()) {
            throw new FetchException(FetchException.Kind.REFUSED_ADDRESS, "refused address: " + v.reason());
        }
    }

    private Response executeWithRetries(OkHttpClient client, Request request, long deadline, ProxySpec proxy)
            throws FetchException {
        for (int attempt = 1; ; attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new FetchException(FetchException.Kind.TIMEOUT, "Failed to load page: timeout");
            }
            Call call = client.newCall(request);
            call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            FetchException failure = null;
            Duration wait = null;
            try {
                Response response = call.execute();
                if (!RetryPolicy.retryableStatus(response.code())) {
                    return response;
                }
                if (!(retry.afterStatus(attempt, response.header("Retry-After"), Instant.now())
                        instanceof RetryPolicy.Decision.Retry r) || r.delay().toNanos() >= deadline - System.nanoTime()) {
                    // No attempts left, or the server asks for longer than we may wait: report its answer.
                    return response;
                }
                wait = r.delay();
                response.close();
            } catch (RefusedAddressException e) {
                throw new FetchException(FetchException.Kind.REFUSED_ADDRESS,
                        (proxy != null && isProxyHost(e, proxy) ? "proxy: " : "") + "refused address: " + e.reason(), null, e);
            } catch (UnknownHostException e) {
                throw proxy != null
                        ? new FetchException(FetchException.Kind.PROXY, "proxy: host not found", null, e)
                        : new FetchException(FetchException.Kind.DNS,
                                "Failed to load page: host not found (" + request.url().host() + ")", null, e);
            } catch (SSLException e) {
                throw new FetchException(FetchException.Kind.CONNECT, "Failed to load page: TLS handshake failed", null, e);
            } catch (InterruptedIOException e) {
                failure = new FetchException(FetchException.Kind.TIMEOUT, "Failed to load page: timeout", null, e);
            } catch (ConnectException | NoRouteToHostException e) {
                failure = new FetchException(proxy != null ? FetchException.Kind.PROXY : FetchException.Kind.CONNECT,
                        proxy != null ? "proxy: connection failed" : "Failed to load page: connection refused", null, e);
            } catch (IOException e) {
                if (proxy != null && e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("authenticate")) {
                    throw new FetchException(FetchException.Kind.PROXY, "proxy: authentication failed", null, null);
                }
                failure = new FetchException(proxy != null ? FetchException.Kind.PROXY : FetchException.Kind.CONNECT,
                        proxy != null ? "proxy: connection failed" : "Failed to load page: connection error", null, e);
            }
            if (failure != null) {
                if (!(retry.afterFailure(attempt) instanceof RetryPolicy.Decision.Retry r)
                        || r.delay().toNanos() >= deadline - System.nanoTime()) {
                    throw failure;
                }
                wait = r.delay();
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new FetchException(FetchException.Kind.IO, "Failed to load page: interrupted");
            }
        }
    }

    private static boolean isProxyHost(RefusedAddressException e, ProxySpec proxy) {
        return e.getMessage() != null && e.getMessage().endsWith("(" + proxy.host() + ")");
    }

    private static void checkContentType(FetchRequest.Expect expect, String mime) throws FetchException {
        if (mime == null || expect == FetchRequest.Expect.ANY) {
            return;
        }
        if (expect == FetchRequest.Expect.HTML) {
            if (!mime.equals("text/html") && !mime.equals("application/xhtml+xml") && !mime.equals("text/plain")) {
                throw new FetchException(FetchException.Kind.WRONG_CONTENT_TYPE, "response is not HTML (" + mime + ")");
            }
        } else if (!mime.contains("json") && !mime.equals("text/plain") && !mime.endsWith("javascript")) {
            throw new FetchException(FetchException.Kind.WRONG_CONTENT_TYPE, "response is not JSON (" + mime + ")");
        }
    }

    private static String mimeOf(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String m = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
        return m.isEmpty() ? null : m;
    }

    private static boolean looksLikeMarkup(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '\ufeff') {
                return c == '<';
            }
        }
        return false;
    }

    private byte[] readCapped(Response response) throws FetchException {
        try {
            return ResponseBodies.bytes(response, maxBytes);
        } catch (ResponseBodies.TooLarge e) {
            throw tooLarge();
        } catch (ResponseBodies.UnsupportedEncoding e) {
            throw new FetchException(FetchException.Kind.IO, "Failed to load page: " + e.getMessage());
        } catch (InterruptedIOException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT, "Failed to load page: timeout", null, e);
        } catch (ZipException e) {
            throw new FetchException(FetchException.Kind.IO, "Failed to load page: corrupt compressed response", null, e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.IO, "Failed to load page: connection lost while reading", null, e);
        }
    }

    private FetchException tooLarge() {
        return new FetchException(FetchException.Kind.TOO_LARGE, "page larger than " + formatSize(maxBytes));
    }

    static String formatSize(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    private static String headerValue(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** "HTTP 404 Not Found": the standard reason for known codes (servers' own are often odd). */
    static String statusLine(int code, String message) {
        String reason = REASONS.containsKey(code) ? REASONS.get(code) : message == null ? "" : message.trim();
        return ("HTTP " + code + " " + reason).trim();
    }

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(418, "I'm a teapot"), Map.entry(421, "Misdirected Request"), Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"), Map.entry(451, "Unavailable For Legal Reasons"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    /** Cookies live for one fetch: enough for shops that set a cookie and redirect. */
    private static final class PerCallCookies implements CookieJar {
        private final List<Cookie> jar = new ArrayList<>();
        private final List<String> set = new ArrayList<>();

        @Override
        public synchronized void saveFromResponse(HttpUrl url, List<Cookie> cookies) {
            for (Cookie c : cookies) {
                jar.removeIf(old -> old.name().equals(c.name()) && old.domain().equals(c.domain()) && old.path().equals(c.path()));
                jar.add(c);
                set.add(c.name() + "=" + c.value());
            }
        }

        @Override
        public synchronized List<Cookie> loadForRequest(HttpUrl url) {
            long now = System.currentTimeMillis();
            List<Cookie> out = new ArrayList<>();
            for (Cookie c : jar) {
                if (c.expiresAt() > now && c.matches(url)) {
                    out.add(c);
                }
            }
            return out;
        }

        synchronized List<String> setCookies() {
            return List.copyOf(set);
        }
    }

    public static final class Builder {
        private AddressPolicy policy;
        private Dns resolver = Dns.SYSTEM;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(20);
        private Duration totalTimeout = Duration.ofSeconds(45);
        private long maxBytes = 5L * 1024 * 1024;
        private int maxRedirects = 5;
        private int maxAttempts = 3;
        private Duration retryBaseDelay = Duration.ofSeconds(1);
        private Duration maxRetryDelay = Duration.ofSeconds(10);
        private Sleeper sleeper = DEFAULT_SLEEPER;
        private String userAgent = BrowserHeaders.DEFAULT_USER_AGENT;
        private SocketFactory socketFactory;

        private Builder() {}

        /** Tests only: lets a test pin every connection to its own loopback server. */
        Builder socketFactoryForTests(SocketFactory v) { this.socketFactory = v; return this; }

        /** Default {@link AddressPolicy#fromEnvironment()}: strict unless explicitly opted in. */
        public Builder addressPolicy(AddressPolicy v) { this.policy = v; return this; }
        /** The resolver behind the filter (tests map names to loopback with their own). */
        public Builder resolver(Dns v) { this.resolver = v; return this; }
        public Builder connectTimeout(Duration v) { this.connectTimeout = v; return this; }
        public Builder readTimeout(Duration v) { this.readTimeout = v; return this; }
        /** Whole fetch: every hop, retry and wait, and reading the body. */
        public Builder totalTimeout(Duration v) { this.totalTimeout = v; return this; }
        public Builder maxBytes(long v) { this.maxBytes = v; return this; }
        public Builder maxRedirects(int v) { this.maxRedirects = v; return this; }
        /** Attempts per hop, the first included (1 = no retries). */
        public Builder maxAttempts(int v) { this.maxAttempts = Math.max(1, v); return this; }
        public Builder retryBaseDelay(Duration v) { this.retryBaseDelay = v; return this; }
        /** Longest wait between attempts; a longer Retry-After ends the retries. */
        public Builder maxRetryDelay(Duration v) { this.maxRetryDelay = v; return this; }
        public Builder sleeper(Sleeper v) { this.sleeper = v; return this; }
        public Builder userAgent(String v) { this.userAgent = v; return this; }

        public SafeHttpClient build() {
            return new SafeHttpClient(this);
        }
    }
}
