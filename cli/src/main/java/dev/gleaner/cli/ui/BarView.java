package dev.gleaner.cli.ui;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

/**
 * On a terminal: one line redrawn in place (carriage return, no newline) by the progressbar
 * library: title, percent, bar, progress/total, elapsed / time left, current_step. The library
 * measures Hangul as two columns, so a Korean step never wraps the line. Log lines are written
 * above it: the bar is wiped, the line printed, the bar drawn again, all under one lock.
 */
final class BarView implements ProgressView {
    private static final int REDRAW_MILLIS = 250;
    private final PrintStream err;
    private final int width;
    private final Messages msg;
    private final Object lock = new Object();
    private ProgressBar bar;
    private LockedConsumer consumer;

    BarView(PrintStream err, int width, Messages msg) {
        this.err = err;
        this.width = width;
        this.msg = msg;
    }

    /** The library's console consumer, serialised with our own writes. */
    private final class LockedConsumer extends ConsoleProgressBarConsumer {
        private String lastDrawn;
        private boolean suppressed;

        LockedConsumer() {
            super(err, width);
        }

        @Override
        public void accept(String rendered) {
            synchronized (lock) {
                if (suppressed) {
                    return;
                }
                lastDrawn = rendered;
                super.accept(rendered);
                err.flush();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (!suppressed) {
                    super.close();
                }
            }
        }

        void wipe() {
            if (lastDrawn != null) {
                err.print("\r" + " ".repeat(Math.max(0, width)) + "\r");
                err.flush();
            }
        }

        void redraw() {
            if (lastDrawn != null) {
                super.accept(lastDrawn);
                err.flush();
            }
        }
    }

    @Override
    public void update(Progress p) {
        synchronized (lock) {
            if (bar == null) {
                consumer = new LockedConsumer();
                bar = new ProgressBarBuilder().setTaskName(p.title()).setStyle(ProgressBarStyle.UNICODE_BLOCK)
                        .setInitialMax(p.total() > 0 ? p.total() : -1).setUpdateIntervalMillis(REDRAW_MILLIS).continuousUpdate()
                        .setConsumer(consumer).setEtaFunction(BarView::eta)
                        .startsFrom(0, p.elapsed() == null ? Duration.ZERO : p.elapsed()).build();
            }
            bar.maxHint(p.total() > 0 ? Math.max(p.total(), p.done()) : -1);
            bar.stepTo(p.done());
            // The task's own words for what it does now; its status once it has ended (or while it says nothing).
            boolean ended = p.status().equals("completed") || p.status().equals("failed") || p.status().equals("cancelled");
            bar.setExtraMessage(ended || p.step() == null || p.step().isBlank() ? Statuses.label(msg, p.status()) : p.step());
        }
    }

    /** Time left from the task's own pace: elapsed × remaining / done. */
    private static Optional<Duration> eta(ProgressState s) {
        if (s.isIndefinite() || s.getCurrent() <= 0 || s.getMax() <= 0) {
            return Optional.empty();
        }
        long remaining = Math.max(0, s.getMax() - s.getCurrent());
        return Optional.of(s.getTotalElapsed().multipliedBy(remaining).dividedBy(s.getCurrent()));
    }

    @Override
    public void line(PrintStream target, String text) {
        synchronized (lock) {
            if (consumer != null) {
                consumer.wipe();
            }
            target.println(text);
            target.flush();
            if (consumer != null) {
                consumer.redraw();
            }
        }
    }

    @Override
    public void pause() {
        synchronized (lock) {
            if (bar != null) {
                // The bar stays as it was (with the ^C the terminal echoed after it); the question goes below.
                consumer.suppressed = true;
                err.println();
                err.flush();
            }
        }
    }

    @Override
    public void close() {
        ProgressBar b;
        synchronized (lock) {
            b = bar;
            bar = null;
        }
        if (b != null) {
            // Renders the final state once more, then ends the line.
            b.close();
        }
    }
}
