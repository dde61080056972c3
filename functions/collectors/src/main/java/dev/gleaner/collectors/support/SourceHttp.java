package dev.gleaner.collectors.support;

import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.core.metrics.SourceErrorKind;
import dev.gleaner.collectors.RetryableSourceException;
import dev.gleaner.collectors.SourceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * HTTP for one source: transient failures (IO errors, timeouts, 429, 5xx) are retried inside the
 * call with exponential back-off and full jitter, honouring Retry-After (bodies are bounded in size
 * and the whole exchange in time); a Retry-After longer than
 * {@link RetryAfter#MAX_INLINE} becomes a {@link WaitRequired}. Same-origin redirects of GET
 * requests are followed (at most 3); others come back as the 3xx result so no header leaves for
 * another host. Every wait is scaled by the delay factor and goes through the options' sleeper.
 */
public final class SourceHttp {
    public static final int MAX_ATTEMPTS = 3;
    static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
    static final Duration BACKOFF_CAP = Duration.ofSeconds(30);
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final int MAX_REDIRECTS = 3;

    private final String source;
    private final CollectorOptions options;
    private final int maxBodyBytes;
    private int exchanges;

    public SourceHttp(String source, CollectorOptions options) {
        this(source, options, MAX_BODY_BYTES);
    }

    SourceHttp(String source, CollectorOptions options, int maxBodyBytes) {
        this.source = source;
        this.options = options;
        this.maxBodyBytes = maxBodyBytes;
    }

    public String source() {
        return source;
    }

    public CollectorOptions options() {
        return options;
    }

    /** Exchanges made through this instance (attempts included). */
    public int exchanges() {
        return exchanges;
    }

    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(options.requestTimeout());
    }

    /**
     * Sends {@code request} and reads its body. Returns any final status the caller must judge
     * (2xx, 3xx not followed, 4xx other than 429).
     *
     * @param what a short label for messages, e.g. {@code /v2/reviews} (never a header value)
     */
    public HttpResult exchange(HttpRequest request, String what) throws SourceException, WaitRequired {
        HttpRequest current = request;
        int redirects = 0;
        int attempt = 0;
        while (true) {
            attempt++;
            HttpResult result;
            try {
                exchanges++;
                options.requests().increment(source);
                HttpResponse<byte[]> response = send(current);
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    Optional<Duration> retryAfter = RetryAfter.parse(
                            response.headers().firstValue("Retry-After").orElse(null), options.clock().instant());
                    if (retryAfter.isPresent() && retryAfter.get().compareTo(RetryAfter.MAX_INLINE) > 0) {
                        long s = RetryAfter.ceilSeconds(retryAfter.get());
                        throw new WaitRequired(status == 429 ? SourceErrorKind.RATE_LIMITED : SourceErrorKind.HTTP_STATUS, s, what + " answered HTTP " + status + " with Retry-After " + s + " s");
                    }
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new RetryableSourceException(status == 429 ? SourceErrorKind.RATE_LIMITED : SourceErrorKind.HTTP_STATUS, source, null,
                                what + " answered HTTP " + status + " " + attempt + " times in a row; try again later");
                    }
                    sleepScaled(retryAfter.isPresent() ? retryAfter.get() : backoff(attempt));
                    continue;
                }
                result = new HttpResult(status, decode(response, what), response.headers(), response.uri());
            } catch (TimeoutException | HttpTimeoutException e) {
                transientFailure(attempt, what, "timed out waiting for " + hostPort(current.uri()), current.uri());
                continue;
            } catch (LimitedBody.TooLarge e) {
                throw tooLarge(what);
            } catch (IOException e) {
                if (unresolved(e)) {
                    // No retry: a name that does not resolve now will not in a second either (offline, typo).
                    throw new SourceException(SourceErrorKind.NETWORK, source, null, "host not found: " + current.uri().getHost() + hint(current.uri()));
                }
                transientFailure(attempt, what, (e instanceof java.net.ConnectException ? "could not connect to "
                        : "lost the connection to ") + hostPort(current.uri()) + " (" + e.getClass().getSimpleName() + ")",
                        current.uri());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryableSourceException(SourceErrorKind.NETWORK, source, null, "interrupted while fetching " + what);
            }
            if (result.redirect() && "GET".equals(current.method()) && redirects < MAX_REDIRECTS) {
                Optional<URI> next = result.header("Location").flatMap(loc -> resolve(result.uri(), loc));
                if (next.isPresent() && sameOrigin(result.uri(), next.get())) {
                    redirects++;
                    current = HttpRequest.newBuilder(current, (n, v) -> true).uri(next.get()).build();
                    attempt = 0;
                    continue;
                }
            }
            return result;
        }
    }

    /**
     * One exchange, body included, bounded in time and size. The client's request timeout only
     * covers the response headers, so the whole exchange gets its own deadline (twice that).
     */
    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<HttpResponse<byte[]>> f = options.httpClient().sendAsync(request, info -> new LimitedBody(maxBodyBytes));
        try {
            return f.get(options.requestTimeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "exchange failed" : cause.getClass().getSimpleName());
        }
    }

    private SourceException tooLarge(String what) {
        return new SourceException(SourceErrorKind.SHAPE_CHANGE, source, null, what + " answered more than " + (maxBodyBytes / 1024) + " KiB; refusing to read it");
    }

    private void transientFailure(int attempt, String what, String why, URI uri) throws SourceException {
        if (attempt >= MAX_ATTEMPTS) {
            throw new RetryableSourceException(SourceErrorKind.NETWORK, source, null, what + ": " + why + ", " + attempt + " times in a row; try again"
                    + " later" + hint(uri));
        }
        sleepScaled(backoff(attempt));
    }

    /** A DNS failure, however the client wraps it. */
    static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** " (set BABITALK_API_URL to use another origin)" when the URI is one of the configured origins. */
    private String hint(URI uri) {
        return options.endpoints().variableFor(uri).map(v -> " (set " + v + " to use another origin)").orElse("");
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
    Duration backoff(int attempt) {
        long ceiling = Math.min(BACKOFF_CAP.toMillis(), BACKOFF_BASE.toMillis() << Math.min(attempt - 1, 20));
        double r = options.jitter().getAsDouble();
        if (!(r >= 0) || r >= 1) {
            r = 0.5;
        }
        return Duration.ofMillis((long) (ceiling * r));
    }

    /** A politeness delay or back-off: {@code base} times the delay factor. */
    public void pause(Duration base) throws SourceException {
        sleepScaled(base);
    }

    private void sleepScaled(Duration base) throws SourceException {
        double f = options.delayFactor();
        if (base == null || base.isZero() || base.isNegative() || f <= 0) {
            return;
        }
        Duration d = Duration.ofNanos((long) Math.min(Long.MAX_VALUE / 2.0, base.toNanos() * f));
        try {
            options.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableSourceException(SourceErrorKind.NETWORK, source, null, "interrupted while waiting between requests");
        }
    }

    private String decode(HttpResponse<byte[]> response, String what) throws IOException, SourceException {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
        byte[] bytes = response.body() == null ? new byte[0] : response.body();
        if (!encoding.isEmpty() && !encoding.equals("identity") && bytes.length > 0) {
            try (InputStream in = switch (encoding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(bytes));
                case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(bytes));
                default -> throw new SourceException(SourceErrorKind.SHAPE_CHANGE, source, null, what + " answered an unsupported Content-Encoding");
            }) {
                bytes = in.readNBytes(maxBodyBytes + 1);
            }
            if (bytes.length > maxBodyBytes) {
                throw tooLarge(what);
            }
        }
        return new String(bytes, charset(response.headers().firstValue("Content-Type").orElse("")));
    }

    static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Optional<URI> resolve(URI base, String location) {
        try {
            return Optional.of(base.resolve(location.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
