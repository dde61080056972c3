package dev.gleaner.core.scrape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.http.ApiException;
import dev.gleaner.core.task.TaskIds;
import dev.gleaner.core.task.TaskLifetime;
import dev.gleaner.core.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** The scrape task life cycle as the API sees it: submit (answering cache hits at once) and read. */
public final class ScrapeService {
    public static final String CACHE_HOURS = "SCRAPE_CACHE_HOURS";

    /** A submitted task and whether it was answered from the cache (200) or queued (202). */
    public record Submitted(ScrapeTask task, boolean fromCache) {}

    private final ScrapeStore store;
    private final ScrapeQueue queue;
    private final Clock clock;
    private final Supplier<String> ids;

    public ScrapeService(ScrapeStore store, ScrapeQueue queue, Clock clock) {
        this(store, queue, clock, () -> UUID.randomUUID().toString());
    }

    public ScrapeService(ScrapeStore store, ScrapeQueue queue, Clock clock, Supplier<String> ids) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.ids = ids;
    }

    public Submitted submit(JsonNode body) {
        ScrapeRequestParser.Parsed parsed = ScrapeRequestParser.parse(body);
        ScrapeRequest request = parsed.request();
        Instant now = clock.instant();
        String id = ids.get();
        if (!request.forceRefresh()) {
            Optional<ScrapeOutcome> hit = store.cached(request.normalizedUrl(), request.targetLanguage(), now);
            if (hit.isPresent()) {
                ScrapeOutcome o = hit.get();
                // A cache hit is still a stored task, already completed, so polling clients work the same.
                ScrapeTask done = new ScrapeTask(id, TaskStatus.COMPLETED, request, "Served from cache", now, now, now,
                        o.productInfo(), null, true, o.detectedPlatform(), o.platformConfidence(), o.platformIndicators(),
                        o.translated(), TaskLifetime.expiryFor(now));
                store.create(done, null);
                return new Submitted(done, true);
            }
        }
        ScrapeTask task = ScrapeTask.pending(id, request, now);
        store.create(task, parsed.proxy());
        try {
            queue.send(id);
        } catch (RuntimeException e) {
            store.fail(id, "the scrape could not be queued; try again", clock.instant());
            throw new ApiException(503, "the scrape could not be queued; try again shortly", null);
        }
        return new Submitted(task, false);
    }

    /** 400 for a malformed id (as on the collection routes), 404 for an unknown or expired one. */
    public ScrapeTask get(String taskId) {
        return store.get(TaskIds.check(taskId)).orElseThrow(() -> ApiException.notFound("task " + taskId + " not found"));
    }

    /** How long a successful result is served from the cache (SCRAPE_CACHE_HOURS, default 24). */
    public static Duration cacheTtl() {
        try {
            double hours = Double.parseDouble(Env.getOrDefault(CACHE_HOURS, "24"));
            return Duration.ofSeconds((long) Math.max(0, hours * 3600));
        } catch (NumberFormatException e) {
            return Duration.ofHours(24);
        }
    }
}
