package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.api.ApiPaths;
import dev.gleaner.cli.ui.Statuses;
import dev.gleaner.cli.ui.Table;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.TaskStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gleaner tasks}: collection tasks, newest first, as a table or JSON. */
@Command(name = "tasks", sortOptions = false,
        description = "List collection tasks, newest first.")
final class TasksCommand extends ApiCommand {
    /** The API's page size limit. */
    private static final int PAGE = 200;

    @Option(names = "--status", paramLabel = "S", completionCandidates = StatusWords.class,
            description = "Only tasks in this status: ${COMPLETION-CANDIDATES}.")
    String status;

    @Option(names = "--platform", paramLabel = "P", completionCandidates = CollectCommand.PlatformIds.class,
            description = "Only this platform's tasks: ${COMPLETION-CANDIDATES}.")
    String platform;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N tasks (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    Map<String, String> fieldOptions() {
        return Map.of("status", "--status", "type", "--platform", "limit", "--limit");
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw usage("--limit must be at least 1");
        }
        if (status != null && TaskStatus.fromWire(status.toLowerCase(Locale.ROOT)).isEmpty()) {
            throw usage("--status must be one of pending, running, completed, failed, cancelled, not '" + status + "'");
        }
        String type = null;
        if (platform != null) {
            type = Platform.fromId(platform.toLowerCase(Locale.ROOT)).map(Platform::taskType)
                    .orElseThrow(() -> usage("--platform must be babitalk, gangnamunni or naver, not '" + platform + "'"));
        }
        List<JsonNode> tasks = new ArrayList<>();
        String token = null;
        do {
            StringBuilder q = new StringBuilder(ApiPaths.tasks()).append('?')
                    .append(ApiPaths.query("limit", String.valueOf(Math.min(PAGE, limit - tasks.size()))));
            if (status != null) {
                q.append('&').append(ApiPaths.query("status", status.toLowerCase(Locale.ROOT)));
            }
            if (type != null) {
                q.append('&').append(ApiPaths.query("type", type));
            }
            if (token != null) {
                q.append('&').append(ApiPaths.query("next_token", token));
            }
            JsonNode page = ApiClient.expectOk(api().get(q.toString())).json();
            page.path("tasks").forEach(tasks::add);
            token = page.path("next_token").isTextual() ? page.get("next_token").asText() : null;
        } while (token != null && tasks.size() < limit);

        if (json()) {
            ObjectNode o = Json.object();
            ArrayNode a = o.putArray("tasks");
            tasks.forEach(a::add);
            if (token == null) {
                o.putNull("next_token");
            } else {
                o.put("next_token", token);
            }
            printJson(o);
            return ExitCode.OK;
        }
        if (tasks.isEmpty()) {
            out().println(msg().get("tasks.none"));
            return ExitCode.OK;
        }
        Table t = new Table(msg().get("col.id"), msg().get("col.platform"), msg().get("col.status"), msg().get("col.progress"),
                msg().get("col.created"), msg().get("col.step")).right(3);
        for (JsonNode task : tasks) {
            long total = task.path("total").asLong();
            t.row(task.path("id").asText(), TaskText.platformName(msg(), TaskText.platform(task)),
                    Statuses.label(msg(), task.path("status").asText()),
                    task.path("progress").asLong() + "/" + total, TaskText.when(task.get("created_at")),
                    TaskText.textOrNull(task.get("current_step")));
        }
        t.print(out(), "");
        if (token != null) {
            out().println(msg().get("tasks.more", limit));
        }
        return ExitCode.OK;
    }

    static final class StatusWords implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(TaskStatus.values()).map(TaskStatus::wire).iterator();
        }
    }
}
