package dev.gleaner.core.scrape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.idempotency.Idempotency;
import dev.gleaner.core.idempotency.IdempotencyKey;
import dev.gleaner.core.idempotency.IdempotencyStore;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.Metric;
import dev.gleaner.core.metrics.Metrics;
import dev.gleaner.core.task.TaskIds;
import dev.gleaner.core.task.TaskLifetime;
import dev.gleaner.core.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** The scrape task life cycle as the API sees it: submit (answering cache hits at once) and read. */
public final class ScrapeService {

    /** A submitted task and whether it was answered from the cache (200) or queued (202). */
    public record Submitted(ScrapeTask task, boolean fromCache) {}

    /** What an {@code Idempotency-Key} on {@code POST /scrape} is unique within. */
    public static final String SCOPE = "scrape";

    private final ScrapeStore store;
    private final ScrapeQueue queue;
    private final Idempotency idempotency;
    private final Clock clock;
    private final Supplier<String> ids;

    public ScrapeService(ScrapeStore store, IdempotencyStore keys, ScrapeQueue queue, Clock clock) {
        this(store, keys, queue, clock, () -> UUID.randomUUID().toString());
    }

    public ScrapeService(ScrapeStore store, IdempotencyStore keys, ScrapeQueue queue, Clock clock, Supplier<String> ids) {
        this.store = store;
        this.queue = queue;
        this.idempotency = new Idempotency(keys, clock);
        this.clock = clock;
        this.ids = ids;
    }

    public Submitted submit(JsonNode body) {
        return submit(body, null).value();
    }

    /**
     * {@link #submit(JsonNode)} at most once per idempotency key (null: no key). A replay answers
     * the first task as it is now, with the first answer's status (200 if it was a cache hit).
     */
    public Idempotency.Result<Submitted> submit(JsonNode body, IdempotencyKey key) {
        ScrapeRequestParser.Parsed parsed = ScrapeRequestParser.parse(body);
        return idempotency.run(key, ids, id -> submit(id, parsed),
                id -> store.get(id).map(t -> new Submitted(t, t.cacheHit())));
    }

    private Submitted submit(String id, ScrapeRequestParser.Parsed parsed) {
        ScrapeRequest request = parsed.request();
        Instant now = clock.instant();
        LogContext.put(LogContext.TASK_ID, id);
        if (!request.forceRefresh()) {
            Optional<ScrapeOutcome> hit = store.cached(request.normalizedUrl(), request.targetLanguage(), now);
            if (hit.isPresent()) {
                ScrapeOutcome o = hit.get();
                // A cache hit is still a stored task, already completed, so polling clients work the same.
                ScrapeTask done = new ScrapeTask(id, TaskStatus.COMPLETED, request, "Served from cache", now, now, now,
                        o.productInfo(), null, true, o.detectedPlatform(), o.platformConfidence(), o.platformIndicators(),
                        o.translated(), TaskLifetime.expiryFor(now));
                store.create(done, null);
                Metrics.plain().count(Metric.SCRAPE_CACHE_HITS).emit();
                StructuredLog.info("scrape answered from the cache", id, Map.of("host", ScrapeMetrics.host(request)));
                return new Submitted(done, true);
            }
        }
        ScrapeTask task = ScrapeTask.pending(id, request, now);
        store.create(task, parsed.proxy());
        try {
            queue.send(id);
        } catch (RuntimeException e) {
            StructuredLog.error("the scrape could not be queued", id, e);
            store.fail(id, "the scrape could not be queued; try again", clock.instant());
            throw DomainError.unavailable("the scrape could not be queued; try again shortly");
        }
        Metrics.plain().count(Metric.SCRAPES_SUBMITTED).emit();
        StructuredLog.info("scrape queued", id, Map.of("host", ScrapeMetrics.host(request)));
        return new Submitted(task, false);
    }

    /** 400 for a malformed id (as on the collection routes), 404 for an unknown or expired one. */
    public ScrapeTask get(String taskId) {
        return store.get(TaskIds.check(taskId)).orElseThrow(() -> DomainError.notFound("task " + taskId + " not found"));
    }

    /** How long a successful result is served from the cache (SCRAPE_CACHE_HOURS, default 24). */
    public static Duration cacheTtl() {
        try {
            double hours = Double.parseDouble(Env.getOrDefault(Env.SCRAPE_CACHE_HOURS, "24"));
            return Duration.ofSeconds((long) Math.max(0, hours * 3600));
        } catch (NumberFormatException e) {
            return Duration.ofHours(24);
        }
    }
}
