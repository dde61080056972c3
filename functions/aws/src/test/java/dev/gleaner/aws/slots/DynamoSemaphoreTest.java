package dev.gleaner.aws.slots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.aws.tables.CountingDynamo;
import dev.gleaner.aws.tables.TestTables;
import dev.gleaner.core.workflow.CollectionSlots;
import dev.gleaner.core.workflow.CollectionSlots.Admission;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The semaphore and its queue on DynamoDB Local: order, exactly-once tickets, takeover, contention. */
class DynamoSemaphoreTest {
    private final CountingDynamo dynamo = new CountingDynamo();
    private final TestTables tables = TestTables.create(dynamo.client);
    private final Instant lease = Instant.now().plusSeconds(3600);

    private DynamoSemaphore semaphore(int max) {
        return new DynamoSemaphore(dynamo.client, tables.semaphore(), max, Clock.systemUTC());
    }

    private Admission poll(DynamoSemaphore s, String task) {
        return s.poll(task, task, lease, true).orElseThrow();
    }

    @Test
    void waitingTasksGetFreedSlotsOldestFirst() {
        DynamoSemaphore s = semaphore(3);
        for (String t : List.of("a", "b", "c")) {
            assertTrue(poll(s, t).held(), t);
        }
        Admission d = poll(s, "d");
        Admission e = poll(s, "e");
        assertFalse(d.held());
        assertEquals(0, d.position());
        assertEquals(1, e.position());
        assertEquals(0, e.free());
        assertTrue(s.release("b"));
        // e asks first, but d is older: the one free slot is d's.
        Admission eAgain = poll(s, "e");
        assertFalse(eAgain.held());
        assertEquals(1, eAgain.position());
        assertEquals(1, eAgain.free());
        assertTrue(poll(s, "d").held());
        assertEquals(Set.of("a", "c", "d"), s.holders().keySet());
    }

    @Test
    void aTicketThatLeavesLetsTheNextOneMoveUpAndLeavesOnlyOnce() {
        DynamoSemaphore s = semaphore(1);
        assertTrue(poll(s, "a").held());
        assertFalse(poll(s, "b").held());
        assertEquals(1, poll(s, "c").position());
        assertTrue(s.leaveQueue("b"), "b gives up its place (cancelled while waiting)");
        assertFalse(s.leaveQueue("b"), "a second leave changes nothing");
        assertFalse(s.release("b"), "nor does a release");
        assertEquals(0, poll(s, "c").position());
        assertTrue(s.release("a"));
        assertTrue(poll(s, "c").held());
        CollectionSlots.Lock lock = s.lock().orElseThrow();
        assertEquals(3, lock.nextTicket());
        assertEquals(3, lock.served(), "every ticket left exactly once: admitted (a, c) or given up (b)");
        assertTrue(s.tickets().isEmpty());
    }

    @Test
    void aLaterPollWithoutATicketMeansTheTaskLeftTheQueue() {
        DynamoSemaphore s = semaphore(1);
        assertTrue(poll(s, "a").held());
        assertFalse(poll(s, "b").held());
        assertTrue(s.poll("b", "b", lease, false).isPresent(), "still queued");
        s.leaveQueue("b");
        assertEquals(Optional.empty(), s.poll("b", "b", lease, false));
        assertEquals(List.of(), s.tickets());
    }

    @Test
    void aResumedTaskTakesOverItsSlotAndOnlyTheHoldingExecutionReleasesIt() {
        DynamoSemaphore s = semaphore(2);
        assertTrue(poll(s, "t").held());
        assertTrue(s.poll("t", "t.r1", lease, true).orElseThrow().held(), "the newer execution keeps the slot");
        assertEquals("t.r1", s.holders().get("t").execution());
        assertFalse(s.releaseSlot("t", "t"), "the old execution cannot free it any more");
        assertTrue(s.renew("t", "t.r1", lease.plusSeconds(60)));
        assertFalse(s.renew("t", "t", lease.plusSeconds(60)));
        assertEquals(lease.plusSeconds(60).getEpochSecond(), s.holders().get("t").lease().getEpochSecond());
        assertTrue(s.releaseSlot("t", "t.r1"));
        assertEquals(0, s.holderCount());
    }

    @Test
    void aPollCostsOneReadWhileWaiting() {
        DynamoSemaphore s = semaphore(1);
        assertTrue(poll(s, "a").held());
        poll(s, "b");
        dynamo.reset();
        for (int i = 0; i < 20; i++) {
            assertFalse(poll(s, "b").held());
        }
        assertEquals(Collections.nCopies(20, "BatchGetItem"), dynamo.operations,
                "one BatchGetItem per poll, however long the queue");
    }

    /** Many tasks polling and finishing at once: never more holders than slots, and everyone gets in. */
    @Test
    void underContentionTheCapHoldsAndEveryTaskGetsASlot() throws Exception {
        DynamoSemaphore s = semaphore(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ConcurrentHashMap<String, Boolean> done = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String task = "task-" + i;
            futures.add(pool.submit(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!s.poll(task, task, lease, true).orElseThrow().held()) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(task + " never got a slot");
                    }
                    Thread.sleep(5);
                }
                int now = inside.incrementAndGet();
                most.accumulateAndGet(now, Math::max);
                inside.decrementAndGet();
                assertTrue(s.release(task));
                done.put(task, true);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(90, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(24, done.size());
        assertTrue(most.get() <= 3, "at most 3 inside at once: " + most.get());
        CollectionSlots.Lock lock = s.lock().orElseThrow();
        assertEquals(0, lock.holderCount());
        assertEquals(lock.nextTicket(), lock.served(), "every ticket handed out left the queue exactly once");
        assertTrue(s.tickets().isEmpty());
    }
}
