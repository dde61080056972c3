package dev.gleaner.workflow.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.collectors.CategoryPlan;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.Dimension;
import dev.gleaner.core.metrics.Metric;
import dev.gleaner.core.metrics.Metrics;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import dev.gleaner.core.task.CategoryState;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.errors.SourceFailedError;
import dev.gleaner.workflow.errors.TransientSourceError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * pending → running, then asks the collector which categories to run (Naver: the cafe's boards)
 * and returns them for the Map state as {@code [{"key", "name"}]}: small, no results in the state.
 */
public final class MarkRunningHandler extends WorkflowStepHandler {
    @Override
    public JsonNode handle(WorkflowContext ctx, JsonNode input) {
        String id = taskId(input);
        String execution = execution(input);
        CollectionTask task = ctx.tasks().get(id).orElse(null);
        ObjectNode out = Json.object();
        if (task == null || !task.isRunBy(execution)) {
            return out.put("running", false);
        }
        String platformName = task.platform().displayName();
        LogContext.put(LogContext.PLATFORM, task.platform().id());
        // A retried invocation finds the task already running: carry on with the plan.
        boolean running = task.status() == TaskStatus.RUNNING
                || ctx.tasks().markRunning(id, execution, ctx.clock().instant(), "수집 준비 중...",
                        Timestamps.logLine(ctx.clock().instant(), platformName + " 데이터 수집 시작"));
        if (!running) {
            return out.put("running", false);
        }
        Map<String, Map<String, Object>> stored = ctx.tasks().allCategoryStates(id);
        if (!stored.isEmpty()) {
            return continueCategories(ctx, id, task, stored, out);
        }
        List<CategoryPlan> plan;
        try {
            plan = ctx.collectors().apply(task.platform()).plan(task.request(), ctx.tasks().secrets(id));
        } catch (SourceException e) {
            StructuredLog.warn("the source refused the plan (" + e.kind().value() + ")", id, e);
            Metrics.with(Dimension.PLATFORM, task.platform().id()).with(Dimension.KIND, e.kind().value())
                    .count(Metric.SOURCE_ERRORS).emit();
            if (e.retryable()) {
                throw new TransientSourceError(e.getMessage());
            }
            throw new SourceFailedError(e.getMessage());
        }
        ArrayNode categories = out.put("running", true).putArray("categories");
        for (CategoryPlan p : plan) {
            ctx.tasks().saveCategoryState(id, p.key(), CategoryState.start(p.key(), p.name()).toMap());
            categories.addObject().put("key", p.key()).put("name", p.name());
        }
        StructuredLog.info("collection running", id, Map.of("categories", plan.stream().map(CategoryPlan::key).toList()));
        ctx.tasks().appendLog(id, Timestamps.logLine(ctx.clock().instant(), "수집 대상: "
                + String.join(", ", plan.stream().map(CategoryPlan::name).toList())));
        return out;
    }

    /**
     * A task that already has categories (resumed, re-queued after a restart, or this step retried):
     * no new plan (Naver's boards stay the ones it started with); unfinished categories continue from
     * their saved cursors and failed ones are tried again from theirs; done ones stay done.
     */
    private static JsonNode continueCategories(WorkflowContext ctx, String id, CollectionTask task,
            Map<String, Map<String, Object>> stored, ObjectNode out) {
        List<String> order = task.request() == null ? List.of() : task.request().categories();
        List<CategoryState> states = new ArrayList<>();
        stored.forEach((key, state) -> states.add(CategoryState.fromMap(key, state)));
        states.sort(Comparator.comparingInt((CategoryState s) -> order.indexOf(s.key()) < 0 ? Integer.MAX_VALUE
                : order.indexOf(s.key())).thenComparing(CategoryState::key));
        ArrayNode categories = out.put("running", true).putArray("categories");
        List<String> names = new ArrayList<>();
        for (CategoryState s : states) {
            CategoryState resumed = s.resumed();
            if (resumed.isDone()) {
                continue;
            }
            if (!resumed.equals(s)) {
                ctx.tasks().saveCategoryState(id, s.key(), resumed.toMap());
            }
            categories.addObject().put("key", s.key()).put("name", s.name());
            names.add(s.name());
        }
        ctx.tasks().appendLog(id, Timestamps.logLine(ctx.clock().instant(), names.isEmpty() ? "이어서 수집할 항목 없음"
                : "이어서 수집: " + String.join(", ", names)));
        return out;
    }
}
