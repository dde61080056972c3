package dev.gleaner.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void cancellingAScopeCancelsItsDescendantsAndTheirTimers() {
        TestScheduler scheduler = new TestScheduler();
        AtomicInteger ran = new AtomicInteger();
        Scope root = new Scope();
        Scope child = root.child();
        Scope grandchild = child.child();
        grandchild.schedule(scheduler, DelayScheduler.Kind.WAIT, 1_000, ran::incrementAndGet);
        child.schedule(scheduler, DelayScheduler.Kind.RETRY, 1_000, ran::incrementAndGet);
        assertEquals(1, scheduler.heldCount(DelayScheduler.Kind.WAIT));

        child.cancel();
        assertTrue(child.isCancelled());
        assertTrue(grandchild.isCancelled());
        assertFalse(root.isCancelled());
        assertEquals(0, scheduler.heldCount(DelayScheduler.Kind.WAIT), "pending timers are cancelled");
        assertEquals(0, scheduler.heldCount(DelayScheduler.Kind.RETRY));
        assertTrue(child.child().isCancelled(), "a scope made under a cancelled one starts cancelled");
        assertEquals(0, ran.get());
    }

    @Test
    void timersRunUnlessCancelledFirst() {
        TestScheduler scheduler = new TestScheduler();
        AtomicInteger ran = new AtomicInteger();
        Scope scope = new Scope();
        Scope.Timer kept = scope.schedule(scheduler, DelayScheduler.Kind.WAIT, 5, ran::incrementAndGet);
        Scope.Timer dropped = scope.schedule(scheduler, DelayScheduler.Kind.RETRY, 5, () -> ran.addAndGet(100));
        scope.cancelTimer(dropped);
        scheduler.fire(DelayScheduler.Kind.WAIT);
        scheduler.fire(DelayScheduler.Kind.RETRY);
        assertEquals(1, ran.get());
        scope.cancelTimer(kept); // harmless after it ran
        assertEquals(1, ran.get());
    }

    @Test
    void aTimerFiringAfterItsScopeWasCancelledDoesNothing() {
        AtomicInteger ran = new AtomicInteger();
        Runnable[] captured = new Runnable[1];
        DelayScheduler keepsTheTask = new DelayScheduler() {
            @Override
            public Handle schedule(Kind kind, long delayNanos, Runnable task) {
                captured[0] = task;
                return () -> { }; // a cancel that comes too late to stop the timer thread
            }

            @Override
            public void shutdown() {
            }
        };
        Scope scope = new Scope();
        scope.schedule(keepsTheTask, DelayScheduler.Kind.WAIT, 5, ran::incrementAndGet);
        scope.cancel();
        captured[0].run();
        assertEquals(0, ran.get());
    }
}
