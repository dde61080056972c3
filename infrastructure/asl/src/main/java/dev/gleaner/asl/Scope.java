package dev.gleaner.asl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cancellation scope: an execution, a branch (Map iteration, Parallel branch) or a fan-out.
 * Cancelling a scope cancels its pending timers and every scope below it; work submitted under a
 * cancelled scope is dropped. Never holds two locks at once.
 */
final class Scope {
    private final Scope parent;
    private volatile boolean cancelled;
    private final Set<Scope> children = new HashSet<>();
    private final Set<Timer> timers = new HashSet<>();

    /** A timer registered with a scope. */
    static final class Timer {
        private volatile boolean cancelled;
        private volatile DelayScheduler.Handle handle;

        void cancel() {
            cancelled = true;
            DelayScheduler.Handle h = handle;
            if (h != null) {
                h.cancel();
            }
        }
    }

    Scope() {
        this(null);
    }

    private Scope(Scope parent) {
        this.parent = parent;
    }

    Scope child() {
        Scope c = new Scope(this);
        synchronized (this) {
            if (!cancelled) {
                children.add(c);
                return c;
            }
        }
        c.cancelled = true;
        return c;
    }

    boolean isCancelled() {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.cancelled) {
                return true;
            }
        }
        return false;
    }

    void cancel() {
        List<Scope> kids;
        List<Timer> pending;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            kids = new ArrayList<>(children);
            pending = new ArrayList<>(timers);
            children.clear();
            timers.clear();
        }
        pending.forEach(Timer::cancel);
        kids.forEach(Scope::cancel);
        detach();
    }

    /** Forgets a finished child scope (without cancelling it), so long runs do not pile them up. */
    void detach() {
        if (parent != null) {
            synchronized (parent) {
                parent.children.remove(this);
            }
        }
    }

    /** Runs {@code task} after the delay unless this scope (or an ancestor) is cancelled first. */
    Timer schedule(DelayScheduler scheduler, DelayScheduler.Kind kind, long delayNanos, Runnable task) {
        Timer t = new Timer();
        synchronized (this) {
            if (cancelled) {
                t.cancelled = true;
                return t;
            }
            timers.add(t);
        }
        DelayScheduler.Handle h = scheduler.schedule(kind, delayNanos, () -> {
            synchronized (this) {
                timers.remove(t);
            }
            if (!t.cancelled && !isCancelled()) {
                task.run();
            }
        });
        t.handle = h;
        if (t.cancelled) {
            h.cancel();
        }
        return t;
    }

    void cancelTimer(Timer t) {
        t.cancel();
        synchronized (this) {
            timers.remove(t);
        }
    }
}
