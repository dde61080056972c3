package dev.gleaner.cli;

import dev.gleaner.cli.api.ApiPaths;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gleaner items ID}: the records one task collected, every page. */
@Command(name = "items", sortOptions = false,
        description = "Export the records a collection task collected.",
        footerHeading = "%nExample:%n",
        footer = "  gleaner items 0b6f2a4e-… -o task.ndjson")
final class ItemsCommand extends ExportCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The task id.")
    String id;

    @Override
    Map<String, String> fieldOptions() {
        return Map.of("format", "--format", "task_id", "ID");
    }

    @Override
    String path() {
        return ApiPaths.items(id);
    }
}
