package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.api.ApiPaths;
import dev.gleaner.core.json.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gleaner resume ID}: continue a failed or cancelled collection from its cursors, as the same task. */
@Command(name = "resume", sortOptions = false,
        description = "Resume a failed or cancelled collection where it stopped (same task id).")
final class ResumeCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The task id.")
    String id;

    @Option(names = "--wait", description = "Follow the task until it ends; the exit status tells how it ended.")
    boolean waitForEnd;

    @Mixin
    WaitOptions waitOptions;

    @Override
    public Integer call() {
        Watcher watcher = waitForEnd ? new Watcher(this, waitOptions, false) : null;
        ApiClient.Response r = ApiClient.expectOk(api().post(ApiPaths.resume(id), Json.object(), Map.of()));
        JsonNode answer = r.body().isBlank() ? Json.object() : r.json();
        return startedOrFollow(id, answer, () -> msg().get("resume.done", id), watcher);
    }
}
