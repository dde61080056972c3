package dev.gleaner.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tables.TestTables;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.collectors.BatchRequest;
import dev.gleaner.collectors.BatchResult;
import dev.gleaner.collectors.CategoryPlan;
import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.PageSink;
import dev.gleaner.collectors.RetryableSourceException;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordStore;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.callback.CallbackSender;
import dev.gleaner.workflow.errors.TransientSourceError;
import dev.gleaner.workflow.steps.CollectBatchHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * CollectBatch stores page N while the collector fetches page N+1, one page in flight at a time,
 * and moves the cursor and progress only once everything the call read is stored: the real handler
 * and stores on DynamoDB Local, a scripted collector that hands its pages over as the real ones do.
 */
class CollectBatchPipelineTest {
    /** Every wait is for a condition, bounded so that a missing one fails the test instead of hanging it. */
    private static void await(CountDownLatch latch, String what) {
        try {
            assertTrue(latch.await(20, TimeUnit.SECONDS), "timed out waiting for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private final TestTables tables = TestTables.create();
    private final Clock clock = Clock.systemUTC();
    private final DynamoTaskStore tasks = new DynamoTaskStore(tables.client(), tables.tasks(), clock);
    private final DynamoRecordStore dynamoRecords = new DynamoRecordStore(tables.client(), tables.records());

    /** Pages of 10 posts each; the hooks run where a real collector fetches a page and hands one over. */
    private static final class PagedCollector implements Collector {
        final int pagesPerCall;
        final List<Integer> handedOverPages = new CopyOnWriteArrayList<>();
        volatile PageHook beforeFetch = page -> { };
        volatile SourceException failBeforePage;
        volatile int failAtPage = -1;

        PagedCollector(int pagesPerCall) {
            this.pagesPerCall = pagesPerCall;
        }

        interface PageHook {
            void run(int page) throws SourceException;
        }

        @Override
        public Platform platform() {
            return Platform.BABITALK;
        }

        @Override
        public List<CategoryPlan> plan(CollectionRequest request, Secrets secrets) {
            return List.of(new CategoryPlan("reviews", "시술후기"));
        }

        @Override
        public BatchResult collectBatch(BatchRequest request) throws SourceException {
            return collectBatch(request, PageSink.NONE);
        }

        @Override
        public BatchResult collectBatch(BatchRequest request, PageSink pages) throws SourceException {
            int start = request.cursor() == null ? 0 : request.cursor().path("page").asInt();
            List<CollectedRecord> all = new ArrayList<>();
            int handedOver = 0;
            for (int page = start; page < start + pagesPerCall; page++) {
                if (page > start) { // as Batch.nextListPage: the previous page goes to the sink first
                    pages.page(List.copyOf(all.subList(handedOver, all.size())));
                    handedOverPages.add(page - 1);
                    handedOver = all.size();
                }
                if (page == failAtPage) {
                    throw failBeforePage;
                }
                beforeFetch.run(page);
                for (int i = 0; i < 10; i++) {
                    String id = page + "-" + i;
                    all.add(new CollectedRecord("babitalk", "reviews", CollectedRecord.KIND_POST, "reviews", id,
                            "https://example.com/" + id, null, "본문", "작성자", "2025-01-15T01:00:00Z", null, null, 0,
                            null, null, null, null, null, List.of(), Json.object()));
                }
            }
            return new BatchResult(all, all.size(), 0, pagesPerCall, Json.object().put("page", start + pagesPerCall),
                    true, 0, List.of());
        }
    }

    /** The real record store, with a hook around each page it stores. */
    private final class HookedRecords implements RecordStore {
        /** Runs inside the store of page 0 (the page whose first record is 0-0), before it is written. */
        volatile Runnable whileStoringPage0 = () -> { };
        final AtomicInteger storing = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final List<String> storedFirstIds = new CopyOnWriteArrayList<>();

        @Override
        public CallWriter call(String taskId, String category, int callStart) {
            CallWriter real = dynamoRecords.call(taskId, category, callStart);
            return new CallWriter() {
                @Override
                public SaveResult page(List<CollectedRecord> records) {
                    mostAtOnce.accumulateAndGet(storing.incrementAndGet(), Math::max);
                    try {
                        if (records.get(0).sourceId().equals("0-0")) {
                            whileStoringPage0.run();
                        }
                        storedFirstIds.add(records.get(0).sourceId());
                        return real.page(records);
                    } finally {
                        storing.decrementAndGet();
                    }
                }

                @Override
                public void finish() {
                    real.finish();
                }
            };
        }

        @Override
        public RecordPage itemsOfTask(String taskId, int limit, String nextToken) {
            return dynamoRecords.itemsOfTask(taskId, limit, nextToken);
        }

        @Override
        public RecordPage find(String platform, String category, LocalDate date, int limit, String nextToken) {
            return dynamoRecords.find(platform, category, date, limit, nextToken);
        }
    }

    /** One CollectBatch call over the given collector and record store. */
    private JsonNode collectBatch(PagedCollector collector, RecordStore records, JsonNode input) {
        return new CollectBatchHandler().handle(new WorkflowContext(tasks, new DynamoSemaphore(tables.client(),
                tables.semaphore(), 10, clock), records, p -> collector,
                new CallbackSender(SafeHttpClient.shared(), () -> "unused"), clock), input);
    }

    private String runningTask() {
        CollectionRequest request = new CollectionRequest(Platform.BABITALK, LocalDate.parse("2025-01-15"), null,
                List.of("reviews"), 0, false, null, List.of(), 0, null);
        CollectionTask task = CollectionTask.pending(UUID.randomUUID().toString(), request, Instant.now());
        tasks.create(task, Secrets.NONE);
        assertTrue(tasks.markRunning(task.id(), null, Instant.now(), "수집 준비 중...", "[00:00:00] 시작"));
        return task.id();
    }

    private static JsonNode input(String taskId) {
        return Json.object().put("task_id", taskId).put("category", "reviews").put("name", "시술후기");
    }

    private Map<String, Object> state(String taskId) {
        return tasks.categoryState(taskId, "reviews");
    }

    @Test
    void pageNIsStoredWhileTheCollectorFetchesPageNPlusOne() {
        PagedCollector collector = new PagedCollector(3);
        HookedRecords records = new HookedRecords();
        CountDownLatch page0Storing = new CountDownLatch(1);
        CountDownLatch page1Fetching = new CountDownLatch(1);
        // The store of page 0 cannot finish before the collector is fetching page 1, and the fetch of
        // page 1 cannot finish before page 0 is being stored: done one after the other, this deadlocks
        // (and fails on the bounded waits).
        records.whileStoringPage0 = () -> {
            page0Storing.countDown();
            await(page1Fetching, "the collector to fetch page 1 while page 0 is stored");
        };
        collector.beforeFetch = page -> {
            if (page == 1) {
                page1Fetching.countDown();
                await(page0Storing, "page 0 to be stored while page 1 is fetched");
            }
        };
        String id = runningTask();
        JsonNode out = collectBatch(collector, records, input(id));

        assertTrue(out.get("has_more").asBoolean());
        assertEquals(List.of("0-0", "1-0", "2-0"), records.storedFirstIds, "every page stored, in order");
        assertEquals(30, ((Number) state(id).get("collected")).intValue());
        assertEquals(30, ((Number) state(id).get("new")).intValue());
        assertEquals(30, tasks.get(id).orElseThrow().progress());
        assertEquals(3, ((Number) state(id).get("pages")).intValue());
    }

    @Test
    void onePageIsStoredAtATimeAndTheCollectorWaitsForIt() {
        PagedCollector collector = new PagedCollector(3);
        HookedRecords records = new HookedRecords();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch page0Storing = new CountDownLatch(1);
        records.whileStoringPage0 = () -> {
            page0Storing.countDown();
            await(release, "the test to release page 0's store");
        };
        List<Integer> fetchedWhileBlocked = new CopyOnWriteArrayList<>();
        collector.beforeFetch = page -> {
            if (page == 2) {
                // Page 1 cannot be handed over before page 0 is stored: getting here means it was.
                fetchedWhileBlocked.add(release.getCount() == 0 ? page : -page);
            }
        };
        String id = runningTask();
        Thread releaser = new Thread(() -> {
            await(page0Storing, "page 0's store to start");
            release.countDown();
        });
        releaser.start();
        collectBatch(collector, records, input(id));

        assertEquals(1, records.mostAtOnce.get(), "never two pages stored at once");
        assertEquals(List.of(2), fetchedWhileBlocked, "page 1 went to the store only after page 0 was stored");
        assertEquals(30, tasks.get(id).orElseThrow().progress());
    }

    @Test
    void aPageThatCannotBeStoredEndsTheCallAndTheCursorStays() {
        PagedCollector collector = new PagedCollector(3);
        HookedRecords records = new HookedRecords();
        IllegalStateException storeDown = new IllegalStateException("DynamoDB unavailable (injected)");
        records.whileStoringPage0 = () -> {
            throw storeDown;
        };
        List<Integer> fetched = new CopyOnWriteArrayList<>();
        collector.beforeFetch = fetched::add;
        String id = runningTask();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> collectBatch(collector, records, input(id)));

        assertSame(storeDown, e);
        assertEquals(List.of(0), collector.handedOverPages, "handing page 1 over failed with page 0's error");
        assertEquals(List.of(0, 1), fetched, "so page 2 was never fetched");
        assertEquals(0, tasks.get(id).orElseThrow().progress(), "no progress for pages not stored");
        assertNull(state(id).get("cursor"), "the cursor did not move: the retry reads the same pages");
    }

    @Test
    void aSourceFailureAfterAStoredPageLeavesTheRetryToCountExactly() {
        PagedCollector collector = new PagedCollector(3);
        HookedRecords records = new HookedRecords();
        collector.failAtPage = 2;
        collector.failBeforePage = new RetryableSourceException("babitalk", null, "HTTP 503 (injected)");
        String id = runningTask();
        assertThrows(TransientSourceError.class, () -> collectBatch(collector, records, input(id)));
        assertEquals(List.of("0-0", "1-0"), records.storedFirstIds, "pages 0 and 1 were stored before the failure");
        assertEquals(0, tasks.get(id).orElseThrow().progress());
        assertTrue(state(id).isEmpty() || state(id).get("cursor") == null, "the cursor did not move");

        // The state machine retries: the same call from the same cursor, and the source answers now.
        collector.failAtPage = -1;
        collectBatch(collector, records, input(id));
        assertEquals(30, tasks.get(id).orElseThrow().progress());
        assertEquals(30, ((Number) state(id).get("new")).intValue(),
                "the posts the failed attempt stored are new to this task: counted once, by the retry");
        assertEquals(30, dynamoRecords.itemsOfTask(id, 100, null).items().size());
    }
}
