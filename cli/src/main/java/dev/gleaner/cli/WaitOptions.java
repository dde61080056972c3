package dev.gleaner.cli;

import picocli.CommandLine.Option;

/** What Ctrl-C does while a command waits for a task. */
final class WaitOptions {
    @Option(names = "--cancel-on-interrupt", description = "Ctrl-C while waiting cancels the task, without asking.")
    boolean cancelOnInterrupt;

    @Option(names = "--detach", description = "Ctrl-C while waiting leaves the task running, without asking.")
    boolean detach;
}
