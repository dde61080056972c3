package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.api.ApiPaths;
import dev.gleaner.cli.api.Poller;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gleaner status ID}: a collection task (or, failing that, a scrape task) for people or as JSON. */
@Command(name = "status", sortOptions = false,
        description = "Show a task: status, progress, current step, request, per-category summary, newest log lines. "
                + "Scrape task ids work too (their product summary).")
final class StatusCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The task id.")
    String id;

    @Option(names = "--wait", description = "Follow a collection until it ends; the exit status tells how it ended.")
    boolean waitForEnd;

    @Mixin
    WaitOptions waitOptions;

    @Override
    public Integer call() {
        ApiClient.Response r = api().get(ApiPaths.task(id));
        if (r.status() == 404) {
            // Not a collection: a scrape task, or nothing (then the collection route's 404 is the answer).
            ApiClient.Response scrape = api().get(ApiPaths.scrapeResult(id));
            if (scrape.ok()) {
                return ScrapeCommand.report(this, scrape.json(), waitForEnd);
            }
            throw ApiClient.refused(r);
        }
        JsonNode task = ApiClient.expectOk(r).json();
        if (waitForEnd && !Poller.isFinal(task.path("status").asText())) {
            return new Watcher(this, waitOptions, false).watch(id, task, List.of());
        }
        if (json()) {
            printJson(task);
        } else {
            TaskText.printTask(out(), msg(), task, 5);
        }
        // With --wait the exit status tells how the task ended, even when it had already.
        return waitForEnd ? TaskText.exitCode(task.path("status").asText()) : ExitCode.OK;
    }
}
