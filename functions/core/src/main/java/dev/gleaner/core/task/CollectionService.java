package dev.gleaner.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.idempotency.Idempotency;
import dev.gleaner.core.idempotency.IdempotencyKey;
import dev.gleaner.core.idempotency.IdempotencyStore;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.FailureCause;
import dev.gleaner.core.workflow.SlotReleaser;
import dev.gleaner.core.workflow.WorkflowLauncher;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** The collection task life cycle as the API sees it: start, read, list, cancel, summarise. */
public final class CollectionService {
    private final TaskRegistry store;
    private final WorkflowLauncher launcher;
    private final SlotReleaser slots;
    private final Idempotency idempotency;
    private final Clock clock;
    private final Supplier<String> ids;

    public CollectionService(TaskRegistry store, IdempotencyStore keys, WorkflowLauncher launcher, SlotReleaser slots,
            Clock clock) {
        this(store, keys, launcher, slots, clock, () -> UUID.randomUUID().toString());
    }

    public CollectionService(TaskRegistry store, IdempotencyStore keys, WorkflowLauncher launcher, SlotReleaser slots,
            Clock clock, Supplier<String> ids) {
        this.store = store;
        this.launcher = launcher;
        this.slots = slots;
        this.idempotency = new Idempotency(keys, clock);
        this.clock = clock;
        this.ids = ids;
    }

    /** What an {@code Idempotency-Key} on a start is unique within: the platform's start route. */
    public static String startScope(Platform platform) {
        return "start/" + platform.id();
    }

    /** Validates the body, stores a pending task and starts its workflow. */
    public CollectionTask start(Platform platform, JsonNode body) {
        return start(platform, body, null).value();
    }

    /**
     * {@link #start(Platform, JsonNode)} at most once per idempotency key (null: no key): the same
     * key with the same request within 24 h answers the first task again ({@code replayed}), with
     * another request a 409. The body is validated first, so a 400 never uses up a key.
     */
    public Idempotency.Result<CollectionTask> start(Platform platform, JsonNode body, IdempotencyKey key) {
        LocalDate today = LocalDate.now(clock.withZone(Timestamps.SEOUL));
        CollectionRequestParser.Parsed parsed = CollectionRequestParser.parse(platform, body, today);
        return idempotency.run(key, ids, id -> launch(id, parsed.request(), parsed.secrets()), store::get);
    }

    public CollectionTask start(CollectionRequest request, Secrets secrets) {
        return launch(ids.get(), request, secrets);
    }

    private CollectionTask launch(String id, CollectionRequest request, Secrets secrets) {
        CollectionTask task = CollectionTask.pending(id, request, clock.instant());
        store.create(task, secrets);
        try {
            launcher.start(task.id());
        } catch (RuntimeException e) {
            StructuredLog.error("the workflow could not be started", task.id(), e);
            store.finish(task.id(), TaskStatus.FAILED, null, "the workflow could not be started: " + e.getClass().getSimpleName(),
                    "실패", Timestamps.logLine(clock.instant(), "워크플로 시작 실패"), clock.instant())
                    .ifPresent(failed -> CollectionMetrics.ended(failed, FailureCause.NOT_STARTED));
            throw DomainError.unavailable("the collection could not be started; try again shortly");
        }
        CollectionMetrics.started(task);
        return task;
    }

    public CollectionTask get(String id) {
        return store.get(checkId(id)).orElseThrow(() -> DomainError.notFound("task " + id + " not found"));
    }

    public TaskPage list(String status, String type, String limit, String nextToken) {
        TaskStatus st = status == null || status.isBlank() ? null : TaskStatus.fromWire(status.trim())
                .orElseThrow(() -> DomainError.invalid("status",
                        "status must be one of pending, running, completed, failed, cancelled"));
        Platform platform = type == null || type.isBlank() ? null : Platform.fromTaskType(type.trim())
                .orElseThrow(() -> DomainError.invalid("type",
                        "type must be one of babitalk_collect, gangnamunni_collect, naver_collect"));
        int size = parseLimit(limit, TaskQuery.DEFAULT_LIMIT, TaskQuery.MAX_LIMIT);
        return store.list(new TaskQuery(st, platform, size, nextToken));
    }

    /**
     * Stops a pending or running task: 404 if unknown, 409 if already finished. The conditional
     * status write is the cancel: once it succeeded the answer is 200, whatever happens next. A
     * failed StopExecution or slot release is logged and left to the reaper, which stops executions
     * of final tasks and frees their slots.
     */
    public CollectionTask cancel(String id) {
        CollectionTask current = get(id);
        // The summary of what was collected so far: a cancelled task keeps its per-category counts.
        ResultSummary summary = ResultSummary.ofStored(current.platform(), store.allCategoryStates(current.id()));
        Optional<CollectionTask> cancelled = store.finish(current.id(), null, TaskStatus.CANCELLED,
                summary.json(), null, "취소됨", Timestamps.logLine(clock.instant(), "사용자 요청으로 작업 취소"),
                clock.instant());
        if (cancelled.isEmpty()) {
            CollectionTask now = get(id);
            throw DomainError.conflict("task " + id + " already finished with status " + now.status().wire());
        }
        CollectionMetrics.ended(cancelled.get(), null);
        String execution = cancelled.get().execution();
        try {
            launcher.stop(execution, "cancelled through the API");
        } catch (RuntimeException e) {
            StructuredLog.warn("StopExecution failed after the cancel was written; the reaper will stop " + execution,
                    id, e);
        }
        try {
            slots.release(id);
        } catch (RuntimeException e) {
            StructuredLog.warn("the slot could not be released after the cancel; the reaper will free it", id, e);
        }
        return cancelled.get();
    }

    /**
     * {@code POST …/task/{id}/resume}: a failed or cancelled collection continues from its stored
     * cursors as the same task, under a new execution ({@code <id>.r<N>}); its progress and finished
     * categories stay, failed categories are tried again from where they stopped. 409 while it is
     * pending or running and once it completed; 404 unknown; 400 a malformed id. The optional body
     * may bring fresh secrets (a finished task's were deleted).
     */
    public CollectionTask resume(String id, JsonNode body) {
        CollectionTask current = get(id);
        if (!Transition.RESUME.appliesTo(current.status())) {
            throw DomainError.conflict("task " + id + " is " + current.status().wire()
                    + "; only a failed or cancelled collection can be resumed");
        }
        Secrets secrets = CollectionRequestParser.resumeSecrets(current.platform(), body);
        Instant now = clock.instant();
        CollectionTask resumed = store.requeue(current, Transition.RESUME, secrets, "대기 중...",
                Timestamps.logLine(now, "작업 재개: 저장된 위치부터 이어서 수집"), now)
                .orElseThrow(() -> DomainError.conflict("task " + id + " changed while it was being resumed; "
                        + "read it and try again"));
        try {
            // A run of the old execution that a failed StopExecution left behind ends here.
            launcher.stop(current.execution(), "the task was resumed");
        } catch (RuntimeException e) {
            StructuredLog.warn("could not stop the previous execution of a resumed task", id, e);
        }
        try {
            launcher.start(id, resumed.execution());
        } catch (RuntimeException e) {
            StructuredLog.error("the workflow could not be started", id, e);
            store.finish(id, resumed.execution(), TaskStatus.FAILED, current.resultSummary(),
                    "the workflow could not be started: " + e.getClass().getSimpleName(), "실패",
                    Timestamps.logLine(clock.instant(), "워크플로 시작 실패"), clock.instant())
                    .ifPresent(failed -> CollectionMetrics.ended(failed, FailureCause.NOT_STARTED));
            throw DomainError.unavailable("the collection could not be resumed; try again shortly");
        }
        CollectionMetrics.resumed(resumed);
        return resumed;
    }

    public StatusSummary summary() {
        return store.summary(clock.instant());
    }

    /** See {@link TaskIds#check}. */
    public static String checkId(String id) {
        return TaskIds.check(id);
    }

    public static int parseLimit(String limit, int dflt, int max) {
        if (limit == null || limit.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(limit.trim());
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error
        }
        throw DomainError.invalid("limit", "limit must be a whole number between 1 and " + max);
    }
}
