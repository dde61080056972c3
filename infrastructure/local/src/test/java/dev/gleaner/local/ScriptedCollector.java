package dev.gleaner.local;

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
 * A collector whose behaviour a test scripts: so many batches of so many posts per category,
 * a pause per batch, categories that fail for good or fail transiently first.
 */
final class ScriptedCollector implements Collector {
    final Platform platform;
    volatile int batchesPerCategory = 3;
    volatile int postsPerBatch = 5;
    volatile long millisPerBatch = 0;
    final Set<String> failingCategories = ConcurrentHashMap.newKeySet();
    final AtomicInteger transientFailuresLeft = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    /** Batches being collected right now (a test waits for 0 before asserting that nothing changes). */
    final AtomicInteger inFlight = new AtomicInteger();
    volatile boolean failAll;

    ScriptedCollector(Platform platform) {
        this.platform = platform;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public List<CategoryPlan> plan(CollectionRequest request, Secrets secrets) {
        return request.categories().stream().map(c -> new CategoryPlan(c, platform.categoryName(c))).toList();
    }

    @Override
    public BatchResult collectBatch(BatchRequest request) throws SourceException {
        inFlight.incrementAndGet();
        try {
            return collect(request);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private BatchResult collect(BatchRequest request) throws SourceException {
        calls.incrementAndGet();
        if (millisPerBatch > 0) {
            try {
                Thread.sleep(millisPerBatch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failAll || failingCategories.contains(request.categoryKey())) {
            throw new SourceException(platform.id(), "data", "scripted failure of " + request.categoryKey());
        }
        if (transientFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new RetryableSourceException(platform.id(), null, "HTTP 503 (scripted)");
        }
        int batch = request.cursor() == null ? 0 : request.cursor().path("batch").asInt();
        int wanted = postsPerBatch;
        if (request.request().limit() > 0) {
            wanted = Math.min(wanted, request.request().limit() - request.alreadyCollected());
        }
        List<CollectedRecord> records = new ArrayList<>();
        for (int i = 0; i < wanted; i++) {
            String id = request.categoryKey() + "-" + batch + "-" + i;
            records.add(new CollectedRecord(platform.id(), request.categoryKey(), CollectedRecord.KIND_POST,
                    request.categoryKey(), id, "https://example.com/" + id, null, "본문 " + id, "작성자", "2025-01-01T01:00:00Z",
                    null, null, 0, null, null, null, null, null, List.of(), Json.object()));
        }
        boolean more = batch + 1 < batchesPerCategory;
        JsonNode next = Json.object().put("batch", batch + 1);
        return new BatchResult(records, records.size(), 0, 1, next, more, 0, List.of());
    }
}
