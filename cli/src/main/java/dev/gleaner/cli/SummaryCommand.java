package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.api.ApiPaths;
import dev.gleaner.cli.ui.Statuses;
import dev.gleaner.cli.ui.Table;
import picocli.CommandLine.Command;

/** {@code gleaner summary}: how many collection tasks are in each status. */
@Command(name = "summary", description = "Count collection tasks per status.")
final class SummaryCommand extends ApiCommand {
    @Override
    public Integer call() {
        JsonNode s = ApiClient.expectOk(api().get(ApiPaths.summary())).json();
        if (json()) {
            printJson(s);
            return ExitCode.OK;
        }
        Table t = new Table(msg().get("col.status"), msg().get("col.tasks")).right(1);
        for (String status : new String[] {"pending", "running", "completed", "failed", "cancelled"}) {
            t.row(Statuses.label(msg(), status), s.path(status).asLong());
        }
        t.row(msg().get("col.total"), s.path("total_tasks").asLong());
        t.print(out(), "");
        out().println(msg().get("summary.at", TaskText.when(s.get("timestamp"))));
        return ExitCode.OK;
    }
}
