package dev.gleaner.asl;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A DelayScheduler for tests: records every requested delay; runs the kinds it is told to at once
 * and holds the others until {@link #fire} (or forever).
 */
final class TestScheduler implements DelayScheduler {
    record Request(Kind kind, long nanos) {}

    private final Set<Kind> immediate;
    private final List<Request> requests = new ArrayList<>();
    private final List<Object[]> held = new ArrayList<>();

    TestScheduler(Kind... immediate) {
        this.immediate = immediate.length == 0 ? EnumSet.noneOf(Kind.class) : EnumSet.of(immediate[0], immediate);
    }

    @Override
    public Handle schedule(Kind kind, long delayNanos, Runnable task) {
        Object[] entry = {kind, task};
        synchronized (this) {
            requests.add(new Request(kind, delayNanos));
            if (!immediate.contains(kind)) {
                held.add(entry);
                return () -> {
                    synchronized (TestScheduler.this) {
                        held.remove(entry);
                    }
                };
            }
        }
        task.run();
        return () -> { };
    }

    /** Runs the held tasks of a kind, as if their delay had elapsed. */
    void fire(Kind kind) {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            held.removeIf(e -> {
                if (e[0] == kind) {
                    due.add((Runnable) e[1]);
                    return true;
                }
                return false;
            });
        }
        due.forEach(Runnable::run);
    }

    synchronized int heldCount(Kind kind) {
        return (int) held.stream().filter(e -> e[0] == kind).count();
    }

    /** The delays requested for a kind, in milliseconds, in order. */
    synchronized List<Double> delaysMillis(Kind kind) {
        return requests.stream().filter(r -> r.kind() == kind).map(r -> r.nanos() / 1e6).toList();
    }

    @Override
    public void shutdown() {
        synchronized (this) {
            held.clear();
        }
    }
}
