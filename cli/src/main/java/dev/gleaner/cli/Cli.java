package dev.gleaner.cli;

import dev.gleaner.cli.ui.Term;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What a command runs with: its streams, the environment, how to find the terminal, and whether
 * it may take over Ctrl-C (only the real process does; tests call {@link Main#run} in-process).
 *
 * @param stdoutIsTerminal whether standard output is a terminal (tables by default)
 * @param exit ends the process (the second Ctrl-C); in-process callers never reach it
 */
public record Cli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Supplier<Term> term,
        boolean signals, boolean stdoutIsTerminal, IntConsumer exit) {
    /** In-process: no terminal, no signal handling. */
    public static Cli plain(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        return new Cli(in, out, err, env, Term::none, false, false, code -> {
            throw new IllegalStateException("exit " + code);
        });
    }
}
