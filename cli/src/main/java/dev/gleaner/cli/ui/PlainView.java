package dev.gleaner.cli.ui;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Off a terminal (pipes, files, cron): one line on standard error each time the task changes; with
 * {@code --quiet}, none (output lines still pass through).
 */
final class PlainView implements ProgressView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintStream err;
    private final Messages msg;
    private final boolean progressLines;
    private Progress last;

    PlainView(PrintStream err, Messages msg, boolean progressLines) {
        this.err = err;
        this.msg = msg;
        this.progressLines = progressLines;
    }

    @Override
    public void update(Progress p) {
        if (!progressLines || last != null && last.status().equals(p.status()) && last.done() == p.done() && last.total() == p.total()
                && Objects.equals(last.step(), p.step())) {
            return;
        }
        last = p;
        StringBuilder line = new StringBuilder();
        line.append('[').append(LocalTime.now().format(CLOCK)).append("] ").append(Statuses.label(msg, p.status()));
        if (p.total() > 0) {
            line.append(' ').append(p.done()).append('/').append(p.total()).append(" (").append(p.percent()).append("%)");
        } else if (p.done() > 0) {
            line.append(' ').append(p.done());
        }
        if (p.step() != null && !p.step().isBlank()) {
            line.append(' ').append(p.step());
        }
        err.println(line);
        err.flush();
    }

    @Override
    public void line(PrintStream target, String text) {
        target.println(text);
        target.flush();
    }

    @Override
    public void pause() {}

    @Override
    public void close() {
        err.flush();
    }
}
