package dev.gleaner.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.gleaner.collectors.SourceException;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.task.CategoryState;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.CollectionRequestParser;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Transition;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.callback.CallbackSender;
import dev.gleaner.workflow.errors.SourceFailedError;
import dev.gleaner.workflow.steps.CollectBatchHandler;
import dev.gleaner.workflow.steps.ExecutionCleanupHandler;
import dev.gleaner.workflow.steps.MarkRunningHandler;
import dev.gleaner.workflow.steps.RecordCategoryFailureHandler;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A run that dies between storing a page and saving its cursor, taken up again by a new execution
 * of the same task: the page whose cursor was lost is fetched again and counts once, failed categories are tried
 * again from where they stopped, done ones are not touched.
 */
class ResumeTest {
    private final TestTables tables = TestTables.create();
    private final Clock clock = Clock.systemUTC();
    private final DynamoTaskStore real = new DynamoTaskStore(tables.client(), tables.tasks(), clock);
    private final AtomicBoolean crashOnNextProgress = new AtomicBoolean();
    private final Pages source = new Pages();

    /** Four pages of 5 posts per category, one page per batch; every fetch is recorded. */
    static final class Pages implements Collector {
        final List<String> fetched = new ArrayList<>();
        final Set<String> failing = new TreeSet<>();

        @Override
        public Platform platform() {
            return Platform.BABITALK;
        }

        @Override
        public List<CategoryPlan> plan(CollectionRequest request, Secrets secrets) {
            return request.categories().stream().map(c -> new CategoryPlan(c, c)).toList();
        }

        @Override
        public synchronized BatchResult collectBatch(BatchRequest r) throws SourceException {
            int page = r.cursor() == null ? 0 : r.cursor().path("page").asInt();
            if (failing.contains(r.categoryKey() + "#" + page)) {
                throw new SourceException("babitalk", "data", "page " + page + " is broken");
            }
            fetched.add(r.categoryKey() + "#" + page);
            List<CollectedRecord> records = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = r.categoryKey() + "-" + page + "-" + i;
                records.add(new CollectedRecord("babitalk", r.categoryKey(), CollectedRecord.KIND_POST, r.categoryKey(), id,
                        "https://example.com/" + id, null, "본문", "작성자", "2025-01-15T01:00:00Z", null, null, 0, null, null,
                        null, null, null, List.of(), Json.object()));
            }
            return new BatchResult(records, 5, 0, 1, Json.object().put("page", page + 1), page + 1 < 4, 0, List.of());
        }
    }

    /** The task store, except that the next progress write can "crash" (the process dies before it). */
    private final DelegatingTaskProgress crashing = new DelegatingTaskProgress(real) {
        @Override
        public TaskStatus addProgress(String id, String execution, String category, Map<String, Object> state,
                int progressDelta, int totalDelta, String currentStep, String logLine) {
            if (crashOnNextProgress.getAndSet(false)) {
                throw new IllegalStateException("the process died here (test)");
            }
            return super.addProgress(id, execution, category, state, progressDelta, totalDelta, currentStep, logLine);
        }
    };

    private final WorkflowContext ctx = new WorkflowContext(crashing,
            new DynamoSemaphore(tables.client(), tables.semaphore(), 10, clock),
            new DynamoRecordStore(tables.client(), tables.records()), p -> source,
            new CallbackSender(SafeHttpClient.shared(), () -> "unused-key-0123456789"), clock);

    private String newTask() {
        String id = UUID.randomUUID().toString();
        CollectionRequest request = CollectionRequestParser.parse(Platform.BABITALK,
                Json.object().put("target_date", "2025-01-15").set("categories", Json.MAPPER.createArrayNode()
                        .add("reviews").add("talks")), LocalDate.now(ZoneOffset.UTC)).request();
        real.create(CollectionTask.pending(id, request, clock.instant()), Secrets.NONE);
        return id;
    }

    private JsonNode batch(String id, String execution, String category) {
        return new CollectBatchHandler().handle(ctx, Json.object().put("task_id", id).put("execution", execution)
                .put("category", category).put("name", category));
    }

    private JsonNode markRunning(String id, String execution) {
        return new MarkRunningHandler().handle(ctx, Json.object().put("task_id", id).put("execution", execution));
    }

    @Test
    void aPageStoredBeforeTheCrashIsFetchedAgainAndCountsOnce() {
        String id = newTask();
        assertEquals(2, markRunning(id, id).path("categories").size());
        assertTrue(batch(id, id, "reviews").path("has_more").asBoolean());
        crashOnNextProgress.set(true);
        assertThrows(IllegalStateException.class, () -> batch(id, id, "reviews"), "page 1 stored, its cursor not");
        assertEquals(5, real.get(id).orElseThrow().progress(), "the progress write was lost with the process");

        // The process is gone; a new execution takes the task up again.
        CollectionTask seen = real.get(id).orElseThrow();
        CollectionTask again = real.requeue(seen, Transition.REQUEUE, Secrets.NONE, "대기 중...", "[00:00:00] restart",
                clock.instant()).orElseThrow();
        String second = again.execution();
        assertEquals(id + ".r1", second);
        assertFalse(batch(id, id, "reviews").path("has_more").asBoolean(), "the old execution may no longer write");
        JsonNode plan = markRunning(id, second);
        assertEquals(List.of("reviews", "talks"), plan.path("categories").findValuesAsText("key"));
        while (batch(id, second, "reviews").path("has_more").asBoolean()) {
            // next page
        }
        while (batch(id, second, "talks").path("has_more").asBoolean()) {
            // next page
        }
        assertEquals(List.of("reviews#0", "reviews#1", "reviews#1", "reviews#2", "reviews#3", "talks#0", "talks#1",
                "talks#2", "talks#3"), source.fetched, "only the page of the call whose cursor was lost is fetched again");
        CollectionTask t = real.get(id).orElseThrow();
        assertEquals(40, t.progress());
        CategoryState reviews = CategoryState.fromMap("reviews", real.categoryState(id, "reviews"));
        assertEquals(20, reviews.collected());
        assertEquals(20, reviews.fresh(), "each post counted as new once");
        assertEquals(4, reviews.pages());
        assertTrue(reviews.isDone());
        assertEquals(40, ctx.records().itemsOfTask(id, 200, null).items().size());
    }

    @Test
    void aResumedTaskRetriesItsFailedCategoryFromWhereItStoppedAndLeavesDoneOnesAlone() {
        String id = newTask();
        markRunning(id, id);
        while (batch(id, id, "talks").path("has_more").asBoolean()) {
            // talks completes
        }
        batch(id, id, "reviews");
        source.failing.add("reviews#1");
        assertThrows(SourceFailedError.class, () -> batch(id, id, "reviews"));
        new RecordCategoryFailureHandler().handle(ctx, Json.object().put("task_id", id).put("execution", id)
                .put("category", "reviews").put("name", "reviews").set("failure", Json.object()
                        .put("Error", "dev.gleaner.workflow.errors.SourceFailedError").put("Cause", "page 1 is broken")));
        real.finish(id, id, TaskStatus.FAILED, null, "failed categories: reviews", "실패", "[00:00:01] failed",
                clock.instant()).orElseThrow();

        source.failing.clear();
        CollectionTask resumed = real.requeue(real.get(id).orElseThrow(), Transition.RESUME, Secrets.NONE, "대기 중...",
                "[00:00:02] resume", clock.instant()).orElseThrow();
        assertEquals(TaskStatus.PENDING, resumed.status());
        assertEquals(null, resumed.error());
        assertEquals(null, resumed.completedAt());
        assertTrue(real.markRunning(id, resumed.execution(), clock.instant(), "수집 중", "[00:00:03] go"));
        JsonNode plan = markRunning(id, resumed.execution());
        assertEquals(List.of("reviews"), plan.path("categories").findValuesAsText("key"), "talks was done");
        while (batch(id, resumed.execution(), "reviews").path("has_more").asBoolean()) {
            // from page 1 on
        }
        assertEquals(List.of("talks#0", "talks#1", "talks#2", "talks#3", "reviews#0", "reviews#1", "reviews#2",
                "reviews#3"), source.fetched);
        assertEquals(40, real.get(id).orElseThrow().progress());
    }

    @Test
    void theOldExecutionsLateStatusEventNeverFailsTheResumedTaskNorFreesItsSlot() {
        String id = newTask();
        markRunning(id, id);
        real.finish(id, id, TaskStatus.FAILED, null, "boom", "실패", "[00:00:01] failed", clock.instant()).orElseThrow();
        CollectionTask resumed = real.requeue(real.get(id).orElseThrow(), Transition.RESUME, Secrets.NONE, "대기 중...",
                "[00:00:02] resume", clock.instant()).orElseThrow();
        assertTrue(ctx.slots().poll(id, resumed.execution(), clock.instant().plusSeconds(3600), true).orElseThrow().held());

        JsonNode out = new ExecutionCleanupHandler().handle(ctx, Json.object()
                .put("detail-type", "Step Functions Execution Status Change").set("detail", Json.object()
                        .put("name", id).put("status", "FAILED").put("input", "{\"task_id\": \"" + id + "\"}")
                        .put("error", "States.Timeout")));
        assertEquals("superseded", out.path("outcome").asText(), out.toString());
        assertEquals(TaskStatus.PENDING, real.get(id).orElseThrow().status(), "the resumed task is untouched");
        assertEquals(resumed.execution(), ctx.slots().holders().get(id).execution(), "its slot is kept");

        JsonNode current = new ExecutionCleanupHandler().handle(ctx, Json.object()
                .put("detail-type", "Step Functions Execution Status Change").set("detail", Json.object()
                        .put("name", resumed.execution()).put("status", "FAILED")
                        .put("input", "{\"task_id\": \"" + id + "\"}").put("error", "States.Timeout")));
        assertEquals("marked failed", current.path("outcome").asText(), "the current execution's end does count");
        assertEquals(TaskStatus.FAILED, real.get(id).orElseThrow().status());
        assertFalse(ctx.slots().holders().containsKey(id));
    }
}
