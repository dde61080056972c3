package dev.gleaner.local.crosscheck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.collectors.BatchRequest;
import dev.gleaner.collectors.BatchResult;
import dev.gleaner.collectors.CategoryPlan;
import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.RetryableSourceException;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scripted source both interpreters run against: so many batches of so many posts per
 * category, categories that fail for good, a number of transient failures, a failing plan, a
 * long back-off asked for after the first batch, and an action run inside a given batch (a
 * cancel landing while the collector is mid-page). Record ids carry a per-run tag so that a
 * second run of the same scenario stores new records rather than finding the first run's.
 */
final class CrossCheckCollector implements Collector {
    private final Platform platform;
    volatile String runTag = "run";
    volatile int batchesPerCategory;
    volatile int postsPerBatch;
    volatile long waitSecondsAfterFirstBatch;
    volatile boolean failPlan;
    final Set<String> failingCategories = ConcurrentHashMap.newKeySet();
    final AtomicInteger transientFailuresLeft = new AtomicInteger();
    /** Runs inside the call for this batch (1-based) of any category, before it returns. */
    volatile int actionAtBatch;
    volatile Runnable action;

    CrossCheckCollector(Platform platform) {
        this.platform = platform;
        reset();
    }

    void reset() {
        runTag = "run";
        batchesPerCategory = 3;
        postsPerBatch = 5;
        waitSecondsAfterFirstBatch = 0;
        failPlan = false;
        failingCategories.clear();
        transientFailuresLeft.set(0);
        actionAtBatch = 0;
        action = null;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public List<CategoryPlan> plan(CollectionRequest request, Secrets secrets) throws SourceException {
        if (failPlan) {
            throw new SourceException(platform.id(), "plan", "scripted plan failure");
        }
        return request.categories().stream().map(c -> new CategoryPlan(c, platform.categoryName(c))).toList();
    }

    @Override
    public BatchResult collectBatch(BatchRequest request) throws SourceException {
        if (failingCategories.contains(request.categoryKey())) {
            throw new SourceException(platform.id(), "data", "scripted failure of " + request.categoryKey());
        }
        if (transientFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new RetryableSourceException(platform.id(), null, "HTTP 503 (scripted)");
        }
        int batch = request.cursor() == null ? 0 : request.cursor().path("batch").asInt();
        Runnable act = action;
        if (act != null && batch + 1 == actionAtBatch) {
            act.run();
        }
        int wanted = postsPerBatch;
        if (request.request().limit() > 0) {
            wanted = Math.min(wanted, request.request().limit() - request.alreadyCollected());
        }
        List<CollectedRecord> records = new ArrayList<>();
        for (int i = 0; i < wanted; i++) {
            String id = runTag + "-" + request.categoryKey() + "-" + batch + "-" + i;
            records.add(new CollectedRecord(platform.id(), request.categoryKey(), CollectedRecord.KIND_POST,
                    request.categoryKey(), id, "https://example.com/" + id, null, "본문 " + id, "작성자",
                    "2025-01-01T01:00:00Z", null, null, 0, null, null, null, null, null, List.of(), Json.object()));
        }
        boolean more = batch + 1 < batchesPerCategory;
        JsonNode next = Json.object().put("batch", batch + 1);
        long wait = batch == 0 && more ? waitSecondsAfterFirstBatch : 0;
        return new BatchResult(records, records.size(), 0, 1, next, more, wait, List.of());
    }
}
