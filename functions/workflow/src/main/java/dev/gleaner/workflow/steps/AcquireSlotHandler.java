package dev.gleaner.workflow.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.metrics.FailureCause;
import dev.gleaner.core.task.CollectionMetrics;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.ResultSummary;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import dev.gleaner.core.workflow.CollectionSlots;
import dev.gleaner.core.workflow.QueueLimits;
import dev.gleaner.workflow.SlotMetrics;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.errors.QueuedBehindException;
import dev.gleaner.workflow.errors.SlotUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Takes one of the running slots for a pending task, waiting its turn in the queue
 * ({@code DynamoSemaphore}: a ticket per task, roughly oldest first, a constant cost per poll).
 *
 * <ul>
 *   <li>Near the front (fewer tasks ahead than there are slots) it keeps polling for
 *       {@code wait_seconds} (from the definition; scaled by {@code GLEANER_DELAY_FACTOR}) every one
 *       to two seconds, then throws {@link SlotUnavailableException}, which the state machine retries
 *       at once: a freed slot is taken within seconds.</li>
 *   <li>Further back it throws {@link QueuedBehindException} at once, which is retried after a
 *       minute: no Lambda waits for a turn that cannot come yet.</li>
 * </ul>
 *
 * So a waiting execution records at most three history events per {@code wait_seconds} + 1 s, about
 * 5,000 a day (CollectionDefinitionTest). A task that is no longer pending (cancelled), or run by a
 * newer execution, answers {@code acquired: false} and the workflow ends. A task pending longer than
 * {@link QueueLimits#maxPending()} fails with an error saying it never got a slot.
 */
public final class AcquireSlotHandler extends WorkflowStepHandler {
    private static final Duration STATUS_CHECK = Duration.ofSeconds(10);

    @Override
    public JsonNode handle(WorkflowContext ctx, JsonNode input) {
        String id = taskId(input);
        Optional<CollectionTask> found = ctx.tasks().get(id);
        if (found.isEmpty()) {
            return result(false, "missing");
        }
        CollectionTask task = found.get();
        if (!task.isRunBy(execution(input))) {
            return result(false, "superseded");
        }
        if (task.status() != TaskStatus.PENDING) {
            ctx.slots().release(id); // cancelled while waiting: give up the place in the queue (idempotent)
            return result(false, task.status().wire());
        }
        Instant now = ctx.clock().instant();
        Duration maxPending = QueueLimits.maxPending();
        if (now.isAfter(task.queuedAt().plus(maxPending))) {
            return giveUp(ctx, task, maxPending);
        }
        Duration budget = Duration.ofMillis((long) (input.path("wait_seconds").asDouble(0) * 1000 * Env.delayFactor()));
        Instant deadline = now.plus(budget);
        Instant nextStatusCheck = now.plus(STATUS_CHECK);
        boolean first = true;
        while (true) {
            Optional<CollectionSlots.Admission> admission = ctx.slots().poll(id, task.execution(),
                    ctx.clock().instant().plus(QueueLimits.LEASE), first);
            if (first && admission.isPresent() && !admission.get().held()) {
                // One sample per invocation: while collections wait, the slots in use keep reporting.
                SlotMetrics.inUse(ctx.slots().maxHolders() - admission.get().free());
            }
            first = false;
            if (admission.isEmpty()) {
                return leftTheQueue(ctx, id); // cancelled meanwhile: the cancel gave up the ticket
            }
            CollectionSlots.Admission a = admission.get();
            if (a.held()) {
                // A cancel may have landed between the status read and the admission: give the slot back.
                Optional<CollectionTask> after = ctx.tasks().get(id);
                if (after.isEmpty() || after.get().status() != TaskStatus.PENDING || !after.get().isRunBy(task.execution())) {
                    ctx.slots().release(id);
                    return result(false, after.map(t -> t.status().wire()).orElse("missing"));
                }
                SlotMetrics.acquired(task, task.queuedAt(), ctx.clock().instant(), ctx.slots().holderCount());
                return result(true, TaskStatus.PENDING.wire());
            }
            int slots = ctx.slots().maxHolders();
            if (a.position() >= slots) {
                throw new QueuedBehindException("about " + a.position() + " older collections wait for one of the "
                        + slots + " slots; asking again in a minute");
            }
            Instant t = ctx.clock().instant();
            if (!t.isBefore(deadline)) {
                throw new SlotUnavailableException("all " + slots + " collection slots are busy"
                        + (a.position() > 0 ? " and about " + a.position() + " older collections wait" : "")
                        + "; asking again");
            }
            if (!t.isBefore(nextStatusCheck)) {
                nextStatusCheck = t.plus(STATUS_CHECK);
                Optional<CollectionTask> now2 = ctx.tasks().get(id);
                if (now2.isEmpty() || now2.get().status() != TaskStatus.PENDING || !now2.get().isRunBy(task.execution())) {
                    return leftTheQueue(ctx, id);
                }
            }
            pause(Duration.between(t, deadline));
        }
    }

    private static JsonNode leftTheQueue(WorkflowContext ctx, String id) {
        Optional<CollectionTask> now = ctx.tasks().get(id);
        if (now.isPresent() && now.get().status() == TaskStatus.PENDING) {
            // Still pending but without a ticket: the reaper removed a ticket it judged stale. Queue again.
            throw new SlotUnavailableException("the task lost its place in the queue; taking a new one");
        }
        ctx.slots().release(id);
        return result(false, now.map(t -> t.status().wire()).orElse("missing"));
    }

    /** Pending longer than the limit: failed with a readable error, its ticket given up. */
    private static JsonNode giveUp(WorkflowContext ctx, CollectionTask task, Duration maxPending) {
        String error = QueueLimits.neverGotASlot(maxPending, ctx.slots().maxHolders());
        Instant now = ctx.clock().instant();
        Optional<CollectionTask> failed = ctx.tasks().finish(task.id(), task.execution(), TaskStatus.FAILED,
                ResultSummary.ofStored(task.platform(), ctx.tasks().allCategoryStates(task.id())).json(), error, "실패",
                Timestamps.logLine(now, "작업 실패: " + QueueLimits.describe(maxPending) + " 동안 실행 슬롯을 얻지 못함"), now);
        ctx.slots().release(task.id());
        failed.ifPresent(t -> CollectionMetrics.ended(t, FailureCause.NOT_STARTED));
        failed.ifPresent(ctx.callbacks()::send);
        return result(false, failed.map(t -> t.status().wire()).orElse("unchanged"));
    }

    /** One to two seconds between polls (jittered, so waiting executions do not poll in step), never past the deadline. */
    private static void pause(Duration left) {
        long millis = Math.min(left.toMillis(), ThreadLocalRandom.current().nextLong(1000, 2001));
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlotUnavailableException("interrupted while waiting for a slot");
        }
    }

    private static JsonNode result(boolean acquired, String status) {
        return Json.object().put("acquired", acquired).put("status", status);
    }
}
