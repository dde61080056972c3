package dev.gleaner.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tables.TestTables;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CategoryState;
import dev.gleaner.core.task.CollectionRequestParser;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Transition;
import dev.gleaner.core.time.FakeTime;
import dev.gleaner.core.workflow.CollectionSlots;
import dev.gleaner.core.workflow.QueueLimits;
import dev.gleaner.core.workflow.WorkflowLauncher;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.callback.CallbackSender;
import dev.gleaner.workflow.reaper.Reaper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The reaper against each thing that can be lost: DynamoDB Local for the tables, a launcher whose
 * executions are whatever the test says, a clock the test moves.
 */
class ReaperTest {
    private final TestTables tables = TestTables.create();
    private final FakeTime clock = new FakeTime(Instant.now());
    private final DynamoTaskStore tasks = new DynamoTaskStore(tables.client(), tables.tasks(), clock);
    private final DynamoSemaphore slots = new DynamoSemaphore(tables.client(), tables.semaphore(), 2, clock);
    private final Executions executions = new Executions();
    private final WorkflowContext ctx = new WorkflowContext(tasks, slots,
            new DynamoRecordStore(tables.client(), tables.records()), p -> null,
            new CallbackSender(SafeHttpClient.shared(), () -> "key"), clock);
    private final Reaper reaper = new Reaper(ctx, executions);

    /** Executions in the state the test gives them; stops are recorded (and make them ABORTED). */
    static final class Executions implements WorkflowLauncher {
        final Map<String, ExecutionState> states = new ConcurrentHashMap<>();
        final List<String> stopped = new ArrayList<>();

        @Override
        public void start(String taskId, String execution) {
            states.put(execution, ExecutionState.RUNNING);
        }

        @Override
        public void stop(String execution, String reason) {
            stopped.add(execution);
            states.computeIfPresent(execution, (k, v) -> v == ExecutionState.RUNNING ? ExecutionState.ABORTED : v);
        }

        @Override
        public ExecutionState state(String execution) {
            return states.getOrDefault(execution, ExecutionState.MISSING);
        }
    }

    private String pending() {
        String id = UUID.randomUUID().toString();
        var parsed = CollectionRequestParser.parse(Platform.BABITALK, Json.object(), LocalDate.now(ZoneOffset.UTC));
        tasks.create(CollectionTask.pending(id, parsed.request(), clock.instant()), Secrets.NONE);
        executions.start(id, id);
        return id;
    }

    private String running() {
        String id = pending();
        assertTrue(slots.poll(id, id, clock.instant().plus(QueueLimits.LEASE), true).orElseThrow().held());
        assertTrue(tasks.markRunning(id, id, clock.instant(), "수집 중", "[00:00:00] go"));
        tasks.saveCategoryState(id, "reviews", new CategoryState("reviews", "시술후기", CategoryState.RUNNING, null, 7, 7, 1,
                0, 0, null).toMap());
        return id;
    }

    private CollectionTask task(String id) {
        return tasks.get(id).orElseThrow();
    }

    @Test
    void aLostStatusEventNeitherStrandsTheTaskNorItsSlot() {
        String id = running();
        executions.states.put(id, WorkflowLauncher.ExecutionState.ABORTED); // stopped; the cleanup event never came
        Reaper.Report r = reaper.pass();
        assertEquals(1, r.tasksFailed());
        assertEquals(1, r.slotsFreed());
        CollectionTask t = task(id);
        assertEquals(TaskStatus.FAILED, t.status());
        assertTrue(t.error().contains("ABORTED"), t.error());
        assertEquals(7, t.resultSummary().path("categories").path("reviews").path("collected").asInt(),
                "the failed task keeps what it collected: " + t.resultSummary());
        assertEquals(0, slots.holderCount());
        assertFalse(reaper.pass().changedAnything(), "a second pass finds nothing to do");
    }

    @Test
    void aFinishedTaskWhoseExecutionStillRunsIsStoppedAndItsSlotFreed() {
        String id = running();
        // A cancel whose StopExecution and slot release both failed.
        tasks.finish(id, TaskStatus.CANCELLED, null, null, "취소됨", "[00:00:01] cancelled", clock.instant()).orElseThrow();
        Reaper.Report r = reaper.pass();
        assertEquals(List.of(id), executions.stopped);
        assertEquals(1, r.slotsFreed());
        assertEquals(0, r.tasksFailed());
        assertEquals(TaskStatus.CANCELLED, task(id).status(), "the cancel stands");
    }

    @Test
    void aSlotWhoseLeaseRanOutIsTakenBackAndItsExecutionStopped() {
        String id = running();
        clock.advance(QueueLimits.LEASE.minusMinutes(1));
        assertFalse(reaper.pass().changedAnything(), "still within its lease");
        progress(id); // progress renews the lease: the task item's lease moves on
        clock.advance(QueueLimits.LEASE.minusMinutes(1));
        assertFalse(reaper.pass().changedAnything(), "the progress write renewed the lease");
        clock.advance(Duration.ofMinutes(2));
        Reaper.Report r = reaper.pass();
        assertEquals(List.of(id), executions.stopped);
        assertEquals(1, r.slotsFreed());
        assertTrue(task(id).error().contains("no progress"), task(id).error());
    }

    @Test
    void anExecutionThatNeverStartedFailsItsTaskAfterTheGracePeriod() {
        String id = pending();
        executions.states.remove(id); // StartExecution failed after the task was written, and the API died
        assertFalse(reaper.pass().changedAnything(), "the start may still be under way");
        clock.advance(QueueLimits.START_GRACE.plusSeconds(1));
        assertEquals(1, reaper.pass().tasksFailed());
        assertTrue(task(id).error().contains("never started"), task(id).error());
    }

    private void progress(String id) {
        tasks.addProgress(id, id, "reviews", new CategoryState("reviews", "시술후기", CategoryState.RUNNING, null, 8, 8, 2,
                0, 0, null).toMap(), 1, 1, "수집 중", "[00:00:02] page");
    }

    @Test
    void aTaskWaitingLongerThanAllowedFailsAndLeavesTheQueue() {
        String a = running();
        String b = running();
        String waiting = pending();
        assertFalse(slots.poll(waiting, waiting, clock.instant().plus(QueueLimits.LEASE), true).orElseThrow().held());
        assertEquals(1, slots.tickets().size());
        clock.advance(QueueLimits.maxPending().plusMinutes(1));
        progress(a); // the two running collections are busy all along
        progress(b);
        Reaper.Report r = reaper.pass();
        assertEquals(1, r.tasksFailed());
        assertEquals(List.of(waiting), executions.stopped);
        assertEquals(QueueLimits.neverGotASlot(QueueLimits.maxPending(), 2), task(waiting).error());
        assertEquals(List.of(), slots.tickets(), "its ticket left the queue");
        CollectionSlots.Lock lock = slots.lock().orElseThrow();
        assertEquals(lock.nextTicket(), lock.served());
    }

    @Test
    void aTicketLeftBehindByACancelledTaskLeavesTheQueue() {
        running();
        running();
        String waiting = pending();
        slots.poll(waiting, waiting, clock.instant().plus(QueueLimits.LEASE), true);
        // Cancelled through the API, but its queue ticket was not given up (the release failed).
        tasks.finish(waiting, TaskStatus.CANCELLED, null, null, "취소됨", "[00:00:01] cancelled", clock.instant());
        assertEquals(1, reaper.pass().ticketsRemoved());
        assertTrue(slots.tickets().isEmpty());
    }

    @Test
    void onlyTheCurrentExecutionCounts() {
        String id = running();
        CollectionTask seen = task(id);
        // Failed, then resumed: the task now belongs to <id>.r1, which is running; the first one ended.
        tasks.finish(id, id, TaskStatus.FAILED, null, "boom", "실패", "[00:00:01] failed", clock.instant()).orElseThrow();
        CollectionTask resumed = tasks.requeue(task(id), Transition.RESUME, Secrets.NONE, "대기 중...", "[00:00:02] resumed",
                clock.instant()).orElseThrow();
        assertEquals(id + ".r1", resumed.execution());
        assertEquals(seen.resumes() + 1, resumed.resumes());
        executions.states.put(id, WorkflowLauncher.ExecutionState.FAILED);
        executions.start(id, id + ".r1");
        Reaper.Report r = reaper.pass();
        assertEquals(0, r.tasksFailed(), "an older execution's end never fails the resumed task");
        assertEquals(TaskStatus.PENDING, task(id).status());
        assertTrue(slots.holders().containsKey(id), "the slot waits for the new execution to take it over");
        assertTrue(slots.poll(id, id + ".r1", clock.instant().plus(QueueLimits.LEASE), true).orElseThrow().held());
        assertEquals(id + ".r1", slots.holders().get(id).execution());
    }

    @Test
    void aRunningTaskWhoseExecutionSucceededWithoutFinishingFails() {
        String id = running();
        executions.states.put(id, WorkflowLauncher.ExecutionState.SUCCEEDED); // Finalize's write was lost
        reaper.pass();
        assertEquals(TaskStatus.FAILED, task(id).status());
        assertEquals(0, slots.holderCount());
    }
}
