package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.api.ApiPaths;
import dev.gleaner.cli.api.Poller;
import dev.gleaner.cli.ui.Messages;
import dev.gleaner.cli.ui.ProgressView;
import dev.gleaner.cli.ui.Term;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Waits for a collection task to end (collect --wait, resume --wait, status --wait, logs --follow):
 * the live bar or plain lines while it runs, new log lines above the bar when following, the
 * outcome at the end, and Ctrl-C: ask (on a terminal), cancel or detach.
 */
final class Watcher {
    private final ApiCommand command;
    private final WaitOptions options;
    private final boolean followLogs;

    Watcher(ApiCommand command, WaitOptions options, boolean followLogs) {
        this.command = command;
        this.options = options;
        this.followLogs = followLogs;
        if (options.cancelOnInterrupt && options.detach) {
            throw command.usage("--cancel-on-interrupt and --detach exclude each other");
        }
    }

    /**
     * @param printedLogs log lines already printed (logs --follow prints the existing ones first)
     * @return the exit status: by the final status, or 130 when left running after Ctrl-C
     */
    int watch(String id, List<String> printedLogs) {
        return watch(id, null, printedLogs);
    }

    /** @param known the task as just read, or null */
    int watch(String id, JsonNode known, List<String> printedLogs) {
        Cli cli = command.cli();
        Messages msg = command.msg();
        Term term = command.output().quiet ? Term.none() : cli.term().get();
        ProgressView view = ProgressView.create(term, command.output().quiet, cli.err(), msg);
        List<String> shown = new ArrayList<>(printedLogs);
        Interrupts interrupts = cli.signals() ? Interrupts.install(Thread.currentThread(), () -> {
            cli.err().println();
            cli.err().println(msg.get("interrupt.left", id));
            cli.exit().accept(ExitCode.DETACHED);
        }) : Interrupts.none();
        try {
            JsonNode last;
            try {
                last = new Poller(command.api()).untilFinal(ApiPaths.task(id), known, task -> {
                    if (followLogs) {
                        for (String line : LogTail.added(shown, task.path("logs"))) {
                            view.line(cli.out(), LogsCommand.logLine(command, line));
                        }
                    }
                    view.update(TaskText.progress(msg, task));
                });
            } catch (ApiClient.Interrupted e) {
                Thread.interrupted();
                view.pause();
                return interrupted(id, term, view);
            } finally {
                view.close();
            }
            return finish(last);
        } finally {
            interrupts.close();
        }
    }

    private int finish(JsonNode task) {
        if (command.json()) {
            command.printJson(task);
        } else {
            TaskText.printOutcome(command.out(), command.msg(), task);
        }
        return TaskText.exitCode(task.path("status").asText());
    }

    private int interrupted(String id, Term term, ProgressView view) {
        Cli cli = command.cli();
        Messages msg = command.msg();
        boolean cancel;
        if (options.cancelOnInterrupt) {
            cancel = true;
        } else if (options.detach) {
            cancel = false;
        } else if (term.interactive()) {
            cli.err().print(msg.get("interrupt.ask", id) + " ");
            cli.err().flush();
            cancel = yes(readAnswer(cli));
        } else {
            cli.err().println(msg.get("interrupt.notty"));
            cancel = false;
        }
        if (!cancel) {
            cli.err().println(msg.get("interrupt.left", id));
            return ExitCode.DETACHED;
        }
        ApiClient.Response r = command.api().delete(ApiPaths.task(id));
        JsonNode task;
        if (r.status() == 409) {
            // It finished in the meantime: report how.
            task = ApiClient.expectOk(command.api().get(ApiPaths.task(id))).json();
        } else {
            task = ApiClient.expectOk(r).json();
            cli.err().println(msg.get("interrupt.cancelled", id));
        }
        return finish(task);
    }

    private static String readAnswer(Cli cli) {
        try {
            String line = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line.trim();
        } catch (IOException e) {
            return "";
        }
    }

    static boolean yes(String answer) {
        String a = answer.toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes") || a.equals("예") || a.equals("네") || a.equals("ㅇ");
    }
}
