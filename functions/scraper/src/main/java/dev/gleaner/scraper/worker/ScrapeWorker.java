package dev.gleaner.scraper.worker;

import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.FailureCause;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.core.scrape.ScrapeOutcome;
import dev.gleaner.core.scrape.ScrapeMetrics;
import dev.gleaner.core.scrape.ScrapeRequest;
import dev.gleaner.core.scrape.ScrapeService;
import dev.gleaner.core.scrape.ScrapeStore;
import dev.gleaner.core.scrape.ScrapeTask;
import dev.gleaner.core.scrape.Translator;
import dev.gleaner.safehttp.FetchException;
import dev.gleaner.safehttp.FetchRequest;
import dev.gleaner.safehttp.FetchResult;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.scraper.Analysis;
import dev.gleaner.scraper.ProductPageAnalyzer;
import dev.gleaner.scraper.fetch.HttpProductJsonFetcher;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one scrape task: fetch (SSRF-safe), detect, extract, translate, store the result and cache
 * it. Idempotent per task: a redelivered message for a finished task changes nothing, and the
 * conditional status writes keep a second result from ever being written.
 */
public final class ScrapeWorker {
    /** Failures worth another delivery of the message (the fetch itself already retried a few times). */
    private static final Set<FetchException.Kind> TRANSIENT = EnumSet.of(FetchException.Kind.TIMEOUT,
            FetchException.Kind.CONNECT, FetchException.Kind.IO, FetchException.Kind.PROXY);

    /** The message should be delivered again later (SQS redelivers after the visibility timeout). */
    public static final class RetryLater extends RuntimeException {
        public RetryLater(String message) {
            super(message);
        }
    }

    private final ScrapeStore store;
    private final SafeHttpClient http;
    private final Translator translator;
    private final Clock clock;
    private final int maxReceives;

    public ScrapeWorker(ScrapeStore store, SafeHttpClient http, Translator translator, Clock clock, int maxReceives) {
        this.store = store;
        this.http = http;
        this.translator = translator;
        this.clock = clock;
        this.maxReceives = maxReceives;
    }

    /**
     * @param receiveCount how many times this message has been received (SQS ApproximateReceiveCount):
     *     on the last allowed delivery a transient failure fails the task instead of asking again
     */
    public void process(String taskId, int receiveCount) {
        Optional<ScrapeTask> found = store.get(taskId);
        if (found.isEmpty() || found.get().status().isFinal()) {
            return; // finished already (a redelivery) or expired: nothing to do
        }
        if (!store.markRunning(taskId, clock.instant())) {
            return;
        }
        ScrapeRequest request = found.get().request();
        FetchRequest fetch = FetchRequest.html(request.url()).withUserAgent(request.userAgent())
                .withLanguage(request.targetLanguage()).withProxy(store.proxy(taskId));
        FetchResult page;
        try {
            page = http.get(fetch);
        } catch (FetchException e) {
            boolean retryable = TRANSIENT.contains(e.kind()) || (e.kind() == FetchException.Kind.HTTP_STATUS
                    && e.status() != null && (e.status() == 429 || e.status() >= 500));
            if (retryable && receiveCount < maxReceives) {
                StructuredLog.warn("fetch failed; the message will be delivered again", taskId, e);
                throw new RetryLater(e.getMessage());
            }
            fail(taskId, FailureCause.FETCH, readable(e));
            return;
        }
        // Shopify's product JSON is fetched like the page itself: same agent, language, proxy and address policy.
        ProductPageAnalyzer analyzer = new ProductPageAnalyzer(new HttpProductJsonFetcher(http, fetch));
        Analysis analysis = analyzer.analyze(page.body(), page.finalUrl(), page.headers(), page.cookies());
        ProductInfo info = analysis.productInfo();
        boolean translated = false;
        if (translator.enabled() && request.targetLanguage() != null && info != null) {
            info = translator.translate(info, request.targetLanguage());
            translated = true;
        }
        ScrapeOutcome outcome = new ScrapeOutcome(info, analysis.detectedPlatform(), analysis.platformConfidence(),
                analysis.platformIndicators(), translated);
        Instant now = clock.instant();
        if (store.complete(taskId, outcome, now).isPresent()) {
            store.cache(request.normalizedUrl(), request.targetLanguage(), outcome, now.plus(ScrapeService.cacheTtl()));
            ScrapeMetrics.completed(taskId, outcome);
        }
    }

    /** Marks a task failed whose message ended in the dead-letter queue. */
    public void failFromDeadLetter(String taskId) {
        fail(taskId, FailureCause.DEAD_LETTER,
                "the scrape did not complete after " + maxReceives + " deliveries (the worker kept failing or timing out)");
    }

    private void fail(String taskId, FailureCause cause, String error) {
        if (store.fail(taskId, error, clock.instant()).isPresent()) {
            ScrapeMetrics.failed(taskId, cause, error);
        }
    }

    private static String readable(FetchException e) {
        String m = e.getMessage() == null ? e.kind().name().toLowerCase(Locale.ROOT) : e.getMessage();
        return m.startsWith("Failed to load page") ? m : "Failed to load page: " + m;
    }
}
