package dev.gleaner.workflow.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.collectors.BatchRequest;
import dev.gleaner.collectors.BatchResult;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.Dimension;
import dev.gleaner.core.metrics.Metric;
import dev.gleaner.core.metrics.Metrics;
import dev.gleaner.core.record.RecordStore;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.TaskRun;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import dev.gleaner.core.workflow.QueueLimits;
import dev.gleaner.core.task.CategoryState;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.errors.SourceFailedError;
import dev.gleaner.workflow.errors.TransientSourceError;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;


/**
 * One loop turn of a category: a bounded batch from the collector (a few pages), the new records
 * stored, the cursor and counts saved together with the task's progress in one write. Answers
 * {@code has_more} and, when the source asked for a long back-off, {@code wait_seconds} for the
 * state machine's Wait state (never slept inside the Lambda).
 *
 * Each page is stored while the collector fetches the next one ({@link PagePipeline}); the cursor,
 * counts and progress are written once everything the call read is stored.
 *
 * DynamoDB requests per invocation (up to 3 list pages): one task read; per page one BatchGetItem
 * (which of its records exist) and one BatchWriteItem per 25 new records with the page's link (the
 * links of pages with nothing new are written together at the end); one progress update: 8 for a
 * 3-page call of 72 new posts, 4 for a 1-page call, at most 3 per page. A cancel is seen at the next
 * invocation (within one batch).
 */
public final class CollectBatchHandler extends WorkflowStepHandler {
    @Override
    public JsonNode handle(WorkflowContext ctx, JsonNode input) {
        String id = taskId(input);
        String key = input.path("category").asText();
        String name = input.path("name").asText(key);
        ObjectNode out = Json.object().put("task_id", id).put("category", key).put("name", name);
        String execution = execution(input);
        TaskRun run = ctx.tasks().loadRun(id, key).orElse(null);
        if (run == null || run.task().status() != TaskStatus.RUNNING || !run.task().isRunBy(execution)) {
            return done(out); // cancelled or gone: stop at this check, write nothing
        }
        CollectionTask task = run.task();
        CollectionRequest request = task.request();
        CategoryState state = CategoryState.fromMap(key, run.categoryState());
        String platform = task.platform().id();
        LogContext.put(LogContext.PLATFORM, platform);
        LogContext.put(LogContext.BATCH, state.batches() + 1);
        // Done already: this is a retry of the invocation that finished it (its answer was lost).
        if (CategoryState.DONE.equals(state.status())
                || (request.limit() > 0 && state.collected() >= request.limit())) {
            return done(out);
        }
        Instant now = ctx.clock().instant();
        long started = System.nanoTime();
        // Page N is stored while the collector fetches page N+1; the cursor moves only after all are stored.
        PagePipeline pages = new PagePipeline(ctx.records().call(id, key, state.pages()));
        BatchResult batch;
        try {
            batch = ctx.collectors().apply(task.platform()).collectBatch(new BatchRequest(request, key, name,
                    state.cursor(), state.collected(), run.secrets(), now), pages);
        } catch (SourceException e) {
            pages.abandon(e);
            StructuredLog.warn("source failed for category " + key + " (" + e.kind().value() + ")", id, e);
            Metrics.with(Dimension.PLATFORM, platform).with(Dimension.KIND, e.kind().value())
                    .count(Metric.SOURCE_ERRORS).emit();
            if (e.retryable()) {
                throw new TransientSourceError(e.getMessage());
            }
            throw new SourceFailedError(e.getMessage());
        } catch (RuntimeException e) {
            pages.abandon(e);
            throw e;
        }
        RecordStore.SaveResult saved = pages.finish(batch.records());
        int collected = state.collected() + batch.posts();
        boolean limitReached = request.limit() > 0 && collected >= request.limit();
        boolean hasMore = batch.hasMore() && !limitReached;
        CategoryState next = new CategoryState(key, name, hasMore ? CategoryState.RUNNING : CategoryState.DONE,
                hasMore ? batch.nextCursor() : null, collected, state.fresh() + saved.newPosts(),
                state.pages() + batch.pages(), state.comments() + batch.comments(),
                state.reviews() + saved.newReviews(), null, state.batches() + 1);
        String progressText = request.limit() > 0 ? collected + "/" + request.limit() : Integer.toString(collected);
        String step = name + " 수집 중... (" + progressText + ")";
        String line = hasMore ? step : name + " 수집 완료 (" + collected + "건)";
        for (String note : batch.notes()) {
            ctx.tasks().appendLog(id, Timestamps.logLine(now, name + ": " + note));
        }
        // Without a limit the best estimate of the total is what has been found so far.
        int totalDelta = request.limit() > 0 ? 0 : batch.posts();
        long millis = (System.nanoTime() - started) / 1_000_000;
        Metrics.with(Dimension.PLATFORM, platform).with(Dimension.CATEGORY, key)
                .add(Metric.POSTS_COLLECTED, batch.posts()).add(Metric.NEW_RECORDS, saved.newPosts())
                .add(Metric.BATCH_DURATION, millis).emit();
        if (batch.waitSeconds() > 0) {
            Metrics.with(Dimension.PLATFORM, platform).with(Dimension.KIND, batch.waitKind().value())
                    .count(Metric.SOURCE_ERRORS).emit();
        }
        StructuredLog.info("batch collected", id, batchFields(batch, saved, hasMore, millis));
        TaskStatus status = ctx.tasks().addProgress(id, execution, key, next.toMap(), batch.posts(), totalDelta, step,
                Timestamps.logLine(now, line));
        if (status != TaskStatus.RUNNING) {
            return done(out); // cancelled meanwhile: the cancelled status stays as it is
        }
        if (hasMore && batch.waitSeconds() > 0) {
            ctx.tasks().appendLog(id, Timestamps.logLine(now, name + ": 원본 서버 요청으로 " + batch.waitSeconds() + "초 대기"));
            // The Wait state makes no progress writes: extend the slot's lease over it.
            ctx.slots().renew(id, run.task().execution(),
                    now.plus(QueueLimits.LEASE).plusSeconds(batch.waitSeconds()));
        }
        return out.put("has_more", hasMore).put("wait_seconds", hasMore ? batch.waitSeconds() : 0);
    }

    private static Map<String, Object> batchFields(BatchResult batch, RecordStore.SaveResult saved, boolean hasMore,
            long millis) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("posts", batch.posts());
        f.put("new", saved.newPosts());
        f.put("pages", batch.pages());
        f.put("comments", batch.comments());
        f.put("has_more", hasMore);
        f.put("wait_seconds", batch.waitSeconds());
        f.put("duration_ms", millis);
        return f;
    }

    private static JsonNode done(ObjectNode out) {
        return out.put("has_more", false).put("wait_seconds", 0);
    }

}
