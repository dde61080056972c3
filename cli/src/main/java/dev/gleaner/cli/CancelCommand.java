package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.api.ApiPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gleaner cancel ID}: DELETE the task (409, exit 5, when it has already finished). */
@Command(name = "cancel",
        description = "Cancel a pending or running collection (records already stored stay).")
final class CancelCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The task id.")
    String id;

    @Override
    public Integer call() {
        JsonNode task = ApiClient.expectOk(api().delete(ApiPaths.task(id))).json();
        if (json()) {
            printJson(task);
        } else {
            out().println(msg().get("cancel.done", id, task.path("progress").asLong(), task.path("total").asLong()));
        }
        return ExitCode.OK;
    }
}
