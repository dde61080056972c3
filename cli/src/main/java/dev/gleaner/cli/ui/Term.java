package dev.gleaner.cli.ui;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.WCWidth;

/**
 * Whether people are watching: standard error (where progress goes) and standard input (where a
 * Ctrl-C prompt reads its answer) both on a terminal. JLine decides, on every JDK and OS, and
 * gives the width; it is told to leave signals alone (Ctrl-C is ours while waiting).
 */
public final class Term implements AutoCloseable {
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");
    private final Terminal terminal;

    private Term(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Not a terminal: plain lines, no prompts (tests, pipes, cron). */
    public static Term none() {
        return new Term(null);
    }

    /** The process's own terminal, if it has one. */
    public static Term detect() {
        // JLine logs a warning when it falls back to a dumb terminal: off a terminal that is the normal case.
        JLINE_LOG.setLevel(Level.OFF);
        try {
            Terminal t = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr)
                    .nativeSignals(false).signalHandler(Terminal.SignalHandler.SIG_IGN)
                    .jna(false).jansi(false).jni(false).ffm(false).exec(true).dumb(true).build();
            if (t.getType() == null || t.getType().startsWith("dumb")) {
                t.close();
                return none();
            }
            return new Term(t);
        } catch (Exception | LinkageError e) {
            return none();
        }
    }

    public boolean interactive() {
        return terminal != null;
    }

    /**
     * Columns for a line that is redrawn in place: three less than the terminal, so that neither the
     * cursor nor the {@code ^C} the terminal echoes after it ever wraps to a new line.
     */
    public int width() {
        if (terminal == null) {
            return 80;
        }
        int w = terminal.getWidth();
        return (w <= 0 ? 80 : w) - 3;
    }

    /** Columns a string takes on a terminal: Hangul and other wide characters count two. */
    public static int columns(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            n += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return n;
    }

    @Override
    public void close() {
        if (terminal != null) {
            try {
                terminal.close();
            } catch (Exception ignored) {
                // nothing to restore
            }
        }
    }
}
