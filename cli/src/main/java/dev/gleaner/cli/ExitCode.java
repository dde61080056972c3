package dev.gleaner.cli;

/**
 * The exit statuses of {@code gleaner}, stable and documented (README "Command line", cli/README.md):
 * scripts and cron jobs branch on them.
 */
public final class ExitCode {
    /** The request succeeded; with --wait, the task completed. */
    public static final int OK = 0;
    /** With --wait (and logs --follow): the task failed. */
    public static final int FAILED = 1;
    /** The command line was wrong: unknown command or option, a missing or malformed value, an unreadable secret file. */
    public static final int USAGE = 2;
    /** The task was cancelled (by this command after Ctrl-C, by {@code gleaner cancel}, or by someone else). */
    public static final int CANCELLED = 3;
    /** The API could not be reached (connection refused, unknown host, timeout); the message names the URL tried. */
    public static final int UNREACHABLE = 4;
    /** The API answered with an error (4xx/5xx); the message has its error and field. */
    public static final int REFUSED = 5;
    /** Ctrl-C while waiting, and the task was left running (--detach, or "no" at the prompt): 128 + SIGINT. */
    public static final int DETACHED = 130;

    private ExitCode() {}
}
