package dev.gleaner.cli;

import dev.gleaner.cli.api.ApiPaths;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gleaner records}: the stored records of a platform, category and day, every page. */
@Command(name = "records", sortOptions = false,
        description = "Export stored records of one platform, category and day (whatever task collected them).",
        footerHeading = "%nExamples:%n",
        footer = {"  gleaner records --platform babitalk --category reviews --date 2025-01-15 -o reviews.csv",
                "  gleaner records --platform naver --category '자유&수다' --date 2025-01-15 --format ndjson | jq .title"})
final class RecordsCommand extends ExportCommand {
    @Option(names = "--platform", required = true, paramLabel = "P", completionCandidates = CollectCommand.PlatformIds.class,
            description = "babitalk, gangnamunni or naver.")
    String platform;

    @Option(names = "--category", required = true, paramLabel = "C", description = "The category (Naver: the board's name).")
    String category;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day the posts were written (Asia/Seoul); every day when left out.")
    String date;

    @Override
    Map<String, String> fieldOptions() {
        return Map.of("platform", "--platform", "category", "--category", "date", "--date", "format", "--format");
    }

    @Override
    String path() {
        return ApiPaths.records() + "?" + ApiPaths.query("platform", platform) + "&" + ApiPaths.query("category", category)
                + (date == null ? "" : "&" + ApiPaths.query("date", date));
    }
}
