package dev.gleaner.cli.ui;

import java.io.PrintStream;
import java.time.Duration;

/**
 * How waiting shows: a live bar redrawn in place on a terminal ({@link BarView}), one plain line
 * per change elsewhere ({@link PlainView}), or nothing ({@code --quiet}).
 */
public interface ProgressView extends AutoCloseable {
    /**
     * One observation of a task.
     *
     * @param title what is being waited for (the platform's name)
     * @param status the API's status word
     * @param done progress
     * @param total expected total; 0 or less while unknown
     * @param step the task's current_step, or null
     * @param elapsed since the task started (or was created)
     */
    record Progress(String title, String status, long done, long total, String step, Duration elapsed) {
        int percent() {
            return total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
        }
    }

    void update(Progress p);

    /** A line of output (a log line), kept above the bar on a terminal. */
    void line(PrintStream target, String text);

    /** Stops drawing and moves below the bar, so that a question can be written. */
    void pause();

    @Override
    void close();

    static ProgressView create(Term term, boolean quiet, PrintStream err, Messages msg) {
        if (quiet) {
            return new PlainView(err, msg, false);
        }
        return term.interactive() ? new BarView(err, term.width(), msg) : new PlainView(err, msg, true);
    }
}
