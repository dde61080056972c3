package dev.gleaner.collectors;

import dev.gleaner.core.config.Env;
import dev.gleaner.core.time.Sleeper;
import dev.gleaner.safehttp.OkHttpClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * How collectors talk to the sources. {@link #fromEnv()} is what production uses; tests swap the
 * endpoints, the sleeper, the clock and the delay factor.
 *
 * @param delayFactor multiplies every politeness delay and back-off (GLEANER_DELAY_FACTOR)
 * @param jitter a uniform random number in [0, 1) for full-jitter back-off
 * @param callBudget wall-clock time after which a call stops starting new work and returns its cursor
 * @param maxPagesPerCall list pages one call may read
 */
public record CollectorOptions(
        SourceEndpoints endpoints,
        OkHttpClient httpClient,
        Sleeper sleeper,
        Clock clock,
        double delayFactor,
        DoubleSupplier jitter,
        RequestCounter requests,
        Duration requestTimeout,
        Duration callBudget,
        int maxPagesPerCall) {

    /**
     * List pages per call. Fast sources fill a call with pages (fewer invocations and state
     * transitions per collection: issue 14's cost and speed); slow ones are bounded by
     * {@link #CALL_BUDGET} first: with the sources' real delays a page costs up to ~2 minutes
     * (Gangnam Unni: 20 posts x 5 s before each post page; Naver: 5.3 s per article read), so the
     * budget ends a call after a few pages, well under the 15-minute Lambda limit, while a long
     * collection still needs few enough loop iterations to stay far below Step Functions' 25,000
     * history events. A crash re-reads at most this many pages (their records are stored once).
     */
    public static final int MAX_PAGES_PER_CALL = 10;

    /**
     * A call starts no new list page or post read after this much wall-clock time. Naver boards
     * with per_page=50 would need 3 x 50 x 5.3 s = 13 min for 3 pages, so the page cap alone is
     * not enough; this budget plus one item's worst case (retries included) stays under ~10 min.
     */
    public static final Duration CALL_BUDGET = Duration.ofMinutes(8);

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public CollectorOptions {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(callBudget, "callBudget");
        if (!(delayFactor >= 0) || Double.isInfinite(delayFactor)) {
            throw new IllegalArgumentException("delayFactor must be a finite number >= 0");
        }
        if (maxPagesPerCall < 1) {
            throw new IllegalArgumentException("maxPagesPerCall must be at least 1");
        }
    }

    /** Production settings: endpoints and delay factor from the environment, real time, shared client. */
    public static CollectorOptions fromEnv() {
        return new CollectorOptions(SourceEndpoints.fromEnv(), sharedClient(), Sleeper.SYSTEM, Clock.systemUTC(),
                Env.delayFactor(), () -> ThreadLocalRandom.current().nextDouble(), new RequestCounter(),
                REQUEST_TIMEOUT, CALL_BUDGET, Env.pagesPerCall(MAX_PAGES_PER_CALL));
    }

    /**
     * One client for the whole process (one connection pool, reused by a Lambda across
     * invocations; each {@code SourceHttp} derives its own time-outs from it). Redirects are not
     * followed automatically: a redirect would carry our Cookie/Authorization headers to wherever
     * it points. Plain DNS: the sources are fixed origins, not user-given URLs.
     */
    public static OkHttpClient sharedClient() {
        return SharedClient.INSTANCE;
    }

    public static OkHttpClient newClient() {
        return OkHttpClients.base(CONNECT_TIMEOUT, REQUEST_TIMEOUT)
                .protocols(List.of(Protocol.HTTP_1_1))
                .build();
    }

    public CollectorOptions withEndpoints(SourceEndpoints e) {
        return new CollectorOptions(e, httpClient, sleeper, clock, delayFactor, jitter, requests, requestTimeout, callBudget, maxPagesPerCall);
    }

    public CollectorOptions withSleeper(Sleeper s) {
        return new CollectorOptions(endpoints, httpClient, s, clock, delayFactor, jitter, requests, requestTimeout, callBudget, maxPagesPerCall);
    }

    public CollectorOptions withClock(Clock c) {
        return new CollectorOptions(endpoints, httpClient, sleeper, c, delayFactor, jitter, requests, requestTimeout, callBudget, maxPagesPerCall);
    }

    public CollectorOptions withDelayFactor(double f) {
        return new CollectorOptions(endpoints, httpClient, sleeper, clock, f, jitter, requests, requestTimeout, callBudget, maxPagesPerCall);
    }

    public CollectorOptions withJitter(DoubleSupplier j) {
        return new CollectorOptions(endpoints, httpClient, sleeper, clock, delayFactor, j, requests, requestTimeout, callBudget, maxPagesPerCall);
    }

    public CollectorOptions withRequests(RequestCounter r) {
        return new CollectorOptions(endpoints, httpClient, sleeper, clock, delayFactor, jitter, r, requestTimeout, callBudget, maxPagesPerCall);
    }

    public CollectorOptions withRequestTimeout(Duration t) {
        return new CollectorOptions(endpoints, httpClient, sleeper, clock, delayFactor, jitter, requests, t, callBudget, maxPagesPerCall);
    }

    public CollectorOptions withCallBudget(Duration b) {
        return new CollectorOptions(endpoints, httpClient, sleeper, clock, delayFactor, jitter, requests, requestTimeout, b, maxPagesPerCall);
    }

    public CollectorOptions withMaxPagesPerCall(int n) {
        return new CollectorOptions(endpoints, httpClient, sleeper, clock, delayFactor, jitter, requests, requestTimeout, callBudget, n);
    }

    private static final class SharedClient {
        static final OkHttpClient INSTANCE = newClient();
    }
}
