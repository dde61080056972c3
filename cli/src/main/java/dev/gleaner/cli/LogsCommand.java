package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.api.ApiPaths;
import dev.gleaner.cli.api.Poller;
import dev.gleaner.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gleaner logs ID [--follow]}: the task's log lines; following prints new ones as they come. */
@Command(name = "logs", sortOptions = false,
        description = "Print a task's log (the newest 100 lines the API keeps). With --follow, print new lines as they "
                + "come (a live bar below them on a terminal) until the task ends.")
final class LogsCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The task id.")
    String id;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the task ends; the exit status tells how it ended.")
    boolean follow;

    @Mixin
    WaitOptions waitOptions;

    @Override
    public Integer call() {
        Watcher watcher = follow ? new Watcher(this, waitOptions, true) : null;
        JsonNode task = ApiClient.expectOk(api().get(ApiPaths.task(id))).json();
        List<String> printed = new ArrayList<>();
        for (String line : LogTail.added(printed, task.path("logs"))) {
            out().println(logLine(this, line));
        }
        out().flush();
        if (!follow) {
            return ExitCode.OK;
        }
        if (Poller.isFinal(task.path("status").asText())) {
            if (json()) {
                printJson(task);
            } else {
                TaskText.printOutcome(out(), msg(), task);
            }
            return TaskText.exitCode(task.path("status").asText());
        }
        return watcher.watch(id, task, printed);
    }

    /** A log line as printed: as is, or with --json as a JSON string (one per line). */
    static String logLine(ApiCommand command, String line) {
        return command.json() ? Json.write(TextNode.valueOf(line)) : line;
    }
}
