package dev.gleaner.collectors.support;

import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.RetryableSourceException;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.core.metrics.SourceErrorKind;
import dev.gleaner.safehttp.HtmlDecoding;
import dev.gleaner.safehttp.ResponseBodies;
import dev.gleaner.safehttp.RetryAfter;
import dev.gleaner.safehttp.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * HTTP for one source, on the same OkHttp stack and the same {@link RetryPolicy},
 * {@link RetryAfter} and {@link ResponseBodies} as the scraper and the callbacks
 * ({@code SafeHttpClient}). Transient failures (IO errors, timeouts, 429, 5xx) are retried inside
 * the call with exponential back-off and full jitter, honouring Retry-After (bodies are bounded in
 * size and the whole exchange in time); a Retry-After longer than {@link #MAX_INLINE_WAIT} becomes
 * a {@link WaitRequired}. Same-origin redirects of GET requests are followed (at most 3); others
 * come back as the 3xx result so no header leaves for another host. Every wait is scaled by the
 * delay factor and goes through the options' sleeper.
 */
public final class SourceHttp {
    public static final int MAX_ATTEMPTS = 3;
    static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
    static final Duration BACKOFF_CAP = Duration.ofSeconds(30);
    /** Beyond this a wait is returned to the workflow instead of slept inside the call. */
    public static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(60);
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final int MAX_REDIRECTS = 3;

    private final String source;
    private final CollectorOptions options;
    private final int maxBodyBytes;
    private final RetryPolicy retry;
    private final OkHttpClient client;
    private int exchanges;

    public SourceHttp(String source, CollectorOptions options) {
        this(source, options, MAX_BODY_BYTES);
    }

    SourceHttp(String source, CollectorOptions options, int maxBodyBytes) {
        this.source = source;
        this.options = options;
        this.maxBodyBytes = maxBodyBytes;
        this.retry = retryPolicy(options);
        // The read time-out bounds the wait for each chunk (headers included); the call time-out
        // bounds the whole exchange, body included, at twice that. The pool is the shared one.
        this.client = options.httpClient().newBuilder()
                .readTimeout(options.requestTimeout())
                .callTimeout(options.requestTimeout().multipliedBy(2))
                .build();
    }

    /** The sources' retry policy: 3 attempts, full jitter from 1 s to 30 s, Retry-After up to 60 s slept. */
    public static RetryPolicy retryPolicy(CollectorOptions options) {
        return new RetryPolicy(MAX_ATTEMPTS, BACKOFF_BASE, BACKOFF_CAP, RetryPolicy.Jitter.FULL, MAX_INLINE_WAIT,
                options.jitter());
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

    public Request.Builder request(URI uri) {
        return new Request.Builder().url(HttpUrl.get(uri.toString()));
    }

    /**
     * Sends {@code request} and reads its body. Returns any final status the caller must judge
     * (2xx, 3xx not followed, 4xx other than 429).
     *
     * @param what a short label for messages, e.g. {@code /v2/reviews} (never a header value)
     */
    public HttpResult exchange(Request request, String what) throws SourceException, WaitRequired {
        Request current = request;
        int redirects = 0;
        int attempt = 0;
        while (true) {
            attempt++;
            URI uri = current.url().uri();
            HttpResult result;
            Duration wait;
            exchanges++;
            options.requests().increment(source);
            try (Response response = client.newCall(current).execute()) {
                int status = response.code();
                if (RetryPolicy.retryableStatus(status)) {
                    wait = retryWait(status, attempt, response.header("Retry-After"), what);
                    result = null;
                } else {
                    wait = null;
                    result = new HttpResult(status, ResponseBodies.text(response, maxBodyBytes), response.headers(), uri);
                }
            } catch (ResponseBodies.TooLarge e) {
                throw tooLarge(what);
            } catch (ResponseBodies.UnsupportedEncoding e) {
                throw new SourceException(SourceErrorKind.SHAPE_CHANGE, source, null, what + " answered an unsupported Content-Encoding");
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new RetryableSourceException(SourceErrorKind.NETWORK, source, null, "interrupted while fetching " + what);
                }
                // A read time-out (SocketTimeoutException) or the whole exchange's deadline.
                wait = transientFailure(attempt, what, "timed out waiting for " + hostPort(uri), uri);
                result = null;
            } catch (IOException e) {
                if (unresolved(e)) {
                    // No retry: a name that does not resolve now will not in a second either (offline, typo).
                    throw new SourceException(SourceErrorKind.NETWORK, source, null, "host not found: " + uri.getHost() + hint(uri));
                }
                wait = transientFailure(attempt, what, (e instanceof ConnectException ? "could not connect to "
                        : "lost the connection to ") + hostPort(uri) + " (" + e.getClass().getSimpleName() + ")", uri);
                result = null;
            }
            if (result == null) {
                sleepScaled(wait);
                continue;
            }
            if (result.redirect() && "GET".equals(current.method()) && redirects < MAX_REDIRECTS) {
                HttpResult answered = result;
                Optional<URI> next = result.header("Location").flatMap(loc -> resolve(answered.uri(), loc));
                if (next.isPresent() && sameOrigin(result.uri(), next.get())) {
                    redirects++;
                    current = current.newBuilder().url(HttpUrl.get(next.get().toString())).build();
                    attempt = 0;
                    continue;
                }
            }
            return result;
        }
    }

    /** The wait before retrying a 429/5xx answer, or the error that ends the call. */
    private Duration retryWait(int status, int attempt, String retryAfter, String what) throws SourceException, WaitRequired {
        RetryPolicy.Decision d = retry.afterStatus(attempt, retryAfter, options.clock().instant());
        if (d instanceof RetryPolicy.Decision.TooLong t) {
            long s = RetryAfter.ceilSeconds(t.asked());
            throw new WaitRequired(status == 429 ? SourceErrorKind.RATE_LIMITED : SourceErrorKind.HTTP_STATUS, s,
                    what + " answered HTTP " + status + " with Retry-After " + s + " s");
        }
        if (d instanceof RetryPolicy.Decision.Retry r) {
            return r.delay();
        }
        throw new RetryableSourceException(status == 429 ? SourceErrorKind.RATE_LIMITED : SourceErrorKind.HTTP_STATUS, source,
                null, what + " answered HTTP " + status + " " + attempt + " times in a row; try again later");
    }

    private SourceException tooLarge(String what) {
        return new SourceException(SourceErrorKind.SHAPE_CHANGE, source, null, what + " answered more than " + (maxBodyBytes / 1024) + " KiB; refusing to read it");
    }

    private Duration transientFailure(int attempt, String what, String why, URI uri) throws SourceException {
        if (retry.afterFailure(attempt) instanceof RetryPolicy.Decision.Retry r) {
            return r.delay();
        }
        throw new RetryableSourceException(SourceErrorKind.NETWORK, source, null, what + ": " + why + ", " + attempt + " times in a row; try again"
                + " later" + hint(uri));
    }

    /** A DNS failure, however the client wraps it. */
    static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
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

    /** The charset a Content-Type names (with browsers' aliases), else UTF-8: {@link HtmlDecoding}'s rules. */
    static Charset charset(String contentType) {
        return HtmlDecoding.detect(new byte[0], 0, contentType);
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
