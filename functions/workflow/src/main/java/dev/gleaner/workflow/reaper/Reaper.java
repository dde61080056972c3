package dev.gleaner.workflow.reaper;

import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.FailureCause;
import dev.gleaner.core.task.CollectionMetrics;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.ResultSummary;
import dev.gleaner.core.task.TaskFinisher;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import dev.gleaner.core.workflow.CollectionSlots;
import dev.gleaner.core.workflow.QueueLimits;
import dev.gleaner.core.workflow.WorkflowLauncher;
import dev.gleaner.core.workflow.WorkflowLauncher.ExecutionState;
import dev.gleaner.workflow.SlotMetrics;
import dev.gleaner.workflow.WorkflowContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts right what the normal paths could not, whatever was lost on the way (a status event that
 * never arrived, a cleanup that failed, a process that died, a StopExecution that failed):
 *
 * <ul>
 *   <li>a slot held for a task that is final or gone is freed, and its execution stopped if it still runs;</li>
 *   <li>a slot whose execution is no longer running is freed and its task failed; one whose lease ran
 *       out ({@link QueueLimits#LEASE} without a progress write) is freed, its execution stopped,
 *       its task failed;</li>
 *   <li>a ticket whose task is final or gone leaves the queue;</li>
 *   <li>a live task whose execution ended without writing a final status fails with the reason; one
 *       whose execution never started fails after {@link QueueLimits#START_GRACE}; one pending longer
 *       than {@link QueueLimits#maxPending()} fails with an error saying it never got a slot.</li>
 * </ul>
 *
 * Only a task's current execution counts (an older one's end never fails a resumed task). Every
 * change is a conditional write, so passes may overlap and a pass may stop half-way.
 */
public final class Reaper {
    private final WorkflowContext ctx;
    /** The reaper only reads, lists and ends tasks. */
    private final TaskFinisher tasks;
    private final WorkflowLauncher launcher;

    /** What one pass did. */
    public record Report(int slotsFreed, int ticketsRemoved, int tasksFailed, int executionsStopped) {
        public boolean changedAnything() {
            return slotsFreed + ticketsRemoved + tasksFailed + executionsStopped > 0;
        }
    }

    public Reaper(WorkflowContext ctx, WorkflowLauncher launcher) {
        this.ctx = ctx;
        this.tasks = ctx.tasks();
        this.launcher = launcher;
    }

    public Report pass() {
        Counts c = new Counts();
        Set<String> settled = new HashSet<>();
        Instant now = ctx.clock().instant();
        Map<String, CollectionSlots.Holder> holders = ctx.slots().holders();
        for (CollectionSlots.Holder holder : holders.values()) {
            settled.add(holder.taskId());
            checkHolder(holder, now, c);
        }
        // A sample every pass, so that the slots in use show even while nobody waits or finishes.
        SlotMetrics.inUse(Math.max(0, holders.size() - c.slots));
        for (CollectionSlots.Ticket ticket : ctx.slots().tickets()) {
            Optional<CollectionTask> task = tasks.get(ticket.taskId());
            if (task.isEmpty() || task.get().status() != TaskStatus.PENDING) {
                if (ctx.slots().leaveQueue(ticket.taskId())) {
                    c.tickets++;
                }
                settled.add(ticket.taskId());
            }
        }
        for (TaskStatus status : List.of(TaskStatus.PENDING, TaskStatus.RUNNING)) {
            for (CollectionTask task : tasks.listAll(status)) {
                if (!settled.contains(task.id())) {
                    checkLiveTask(task, now, c);
                }
            }
        }
        Report report = new Report(c.slots, c.tickets, c.failed, c.stopped);
        if (report.changedAnything()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("slots_freed", report.slotsFreed());
            fields.put("tickets_removed", report.ticketsRemoved());
            fields.put("tasks_failed", report.tasksFailed());
            fields.put("executions_stopped", report.executionsStopped());
            StructuredLog.info("reaper pass", null, fields);
        }
        return report;
    }

    private void checkHolder(CollectionSlots.Holder holder, Instant now, Counts c) {
        Optional<CollectionTask> found = tasks.get(holder.taskId());
        ExecutionState state = launcher.state(holder.execution());
        if (found.isEmpty() || found.get().status().isFinal()) {
            if (state.isRunning()) {
                stop(holder.execution(), "the task is " + found.map(t -> t.status().wire()).orElse("gone"), c);
            }
            if (ctx.slots().releaseSlot(holder.taskId(), holder.execution())) {
                c.slots++;
            }
            return;
        }
        CollectionTask task = found.get();
        if (!task.isRunBy(holder.execution())) {
            // A slot of an older execution of a resumed task: the current execution takes it over
            // when it polls; if that one is gone too, the live-task check below fails the task.
            if (!state.isRunning() && !launcher.state(task.execution()).isRunning()
                    && ctx.slots().releaseSlot(holder.taskId(), holder.execution())) {
                c.slots++;
            }
            return;
        }
        if (!state.isRunning()) {
            if (state == ExecutionState.MISSING && now.isBefore(task.queuedAt().plus(QueueLimits.START_GRACE))) {
                return;
            }
            fail(task, endedReason(state), FailureCause.WORKFLOW, c);
            return;
        }
        Instant lease = latest(holder.lease(), task.leaseUntil());
        if (lease.isBefore(now)) {
            stop(task.execution(), "no progress for " + QueueLimits.describe(QueueLimits.LEASE), c);
            fail(task, "the collection made no progress for " + QueueLimits.describe(QueueLimits.LEASE)
                    + ", so its slot was given to others", FailureCause.WORKFLOW, c);
        }
    }

    private void checkLiveTask(CollectionTask task, Instant now, Counts c) {
        ExecutionState state = launcher.state(task.execution());
        Duration maxPending = QueueLimits.maxPending();
        if (task.status() == TaskStatus.PENDING && now.isAfter(task.queuedAt().plus(maxPending))) {
            if (state.isRunning()) {
                stop(task.execution(), "waited longer than " + QueueLimits.describe(maxPending) + " for a slot", c);
            }
            fail(task, QueueLimits.neverGotASlot(maxPending, ctx.slots().maxHolders()), FailureCause.NOT_STARTED, c);
        } else if (state == ExecutionState.MISSING) {
            if (now.isAfter(task.queuedAt().plus(QueueLimits.START_GRACE))) {
                fail(task, "the workflow never started; start the collection again", FailureCause.NOT_STARTED, c);
            }
        } else if (!state.isRunning()) {
            fail(task, endedReason(state), FailureCause.WORKFLOW, c);
        }
    }

    private static String endedReason(ExecutionState state) {
        return "the workflow ended without finishing the task (" + state + ")";
    }

    private void fail(CollectionTask task, String reason, FailureCause cause, Counts c) {
        Instant now = ctx.clock().instant();
        Optional<CollectionTask> failed = tasks.finish(task.id(), task.execution(), TaskStatus.FAILED,
                ResultSummary.ofStored(task.platform(), tasks.allCategoryStates(task.id())).json(), reason, "실패",
                Timestamps.logLine(now, "작업 실패: " + reason), now);
        if (failed.isPresent()) {
            c.failed++;
            StructuredLog.info("reaper failed a task", task.id(), Map.of("reason", reason));
            CollectionMetrics.ended(failed.get(), cause);
        }
        if (ctx.slots().release(task.id())) {
            c.slots++;
        }
        failed.ifPresent(ctx.callbacks()::send);
    }

    private void stop(String execution, String why, Counts c) {
        try {
            launcher.stop(execution, "stopped by the reaper: " + why);
            c.stopped++;
        } catch (RuntimeException e) {
            StructuredLog.warn("the reaper could not stop " + execution + "; the next pass tries again", null, e);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b == null ? Instant.EPOCH : b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static final class Counts {
        int slots;
        int tickets;
        int failed;
        int stopped;
    }
}
