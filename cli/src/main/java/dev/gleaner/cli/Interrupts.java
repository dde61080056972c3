package dev.gleaner.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C while waiting: the first SIGINT interrupts the waiting thread (which then asks, cancels or
 * detaches); a second one, while the question is on screen, leaves at once without cancelling.
 * Only the real process installs it ({@link Main#main}); in-process callers get {@link #none()}.
 */
public final class Interrupts implements AutoCloseable {
    private static final Signal INT = new Signal("INT");
    private final AtomicInteger count = new AtomicInteger();
    private final SignalHandler previous;

    private Interrupts(SignalHandler previous) {
        this.previous = previous;
    }

    /** No signal handling (tests in-process, or not waiting). */
    public static Interrupts none() {
        return new Interrupts(null);
    }

    /**
     * Handles SIGINT until {@link #close()}: interrupts {@code waiter} the first time, runs
     * {@code again} (which should end the process) the second time.
     */
    public static Interrupts install(Thread waiter, Runnable again) {
        Interrupts[] self = new Interrupts[1];
        SignalHandler handler = sig -> {
            if (self[0].count.incrementAndGet() == 1) {
                waiter.interrupt();
            } else {
                again.run();
            }
        };
        SignalHandler previous = Signal.handle(INT, handler);
        self[0] = new Interrupts(previous);
        return self[0];
    }

    /** Whether Ctrl-C was pressed since {@link #install}. */
    public boolean pressed() {
        return count.get() > 0;
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
