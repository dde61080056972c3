package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.scraper.ProductPageAnalyzer;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gleaner extract}: detection and extraction on saved pages, offline, one JSON object per input. */
@Command(name = "extract", description = "Analyse a saved product page offline (FILE may be .gz), or many with --batch.",
        footer = {"  One JSON object per input, in input order: {\"product_info\": {...}, \"detected_platform\": ...,",
                "  \"platform_confidence\": ..., \"platform_indicators\": [...]}. An input that cannot be read gives",
                "  {\"error\": \"...\"}. Exit status 0, or 2 when misused.",
                "",
                "Examples:",
                "  gleaner extract --url https://shop.example.com/p/1 page.html",
                "  gleaner extract --batch < pages.ndjson      # lines {\"file\": ..., \"url\": ...}"})
final class ExtractCommand extends OfflineCommand {
    @Option(names = "--url", paramLabel = "URL", description = "The page's address: relative images resolve against it; its host counts for detection and currency.")
    String url;

    @Option(names = "--batch", description = "Read NDJSON lines {\"file\": ..., \"url\": ...} on standard input.")
    boolean batch;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The saved page (plain or gzip).")
    String file;

    @Override
    public Integer call() {
        if (batch && (file != null || url != null)) {
            throw usage("extract --batch takes no FILE or --url (they come on stdin)");
        }
        if (!batch && file == null) {
            throw usage("extract needs a FILE (or --batch)");
        }
        ProductPageAnalyzer analyzer = new ProductPageAnalyzer();
        if (!batch) {
            cli().out().println(Offline.analyzeFile(analyzer, file, url));
            return ExitCode.OK;
        }
        return answerEachLine(line -> batchLine(analyzer, line));
    }

    private static String batchLine(ProductPageAnalyzer analyzer, String line) {
        if (line.isBlank()) {
            return Offline.error("empty line: expected {\"file\": ..., \"url\": ...}");
        }
        JsonNode node;
        try {
            node = Json.parse(line);
        } catch (IOException e) {
            return Offline.error("invalid JSON line");
        }
        if (!node.isObject() || !node.path("file").isTextual() || node.path("file").asText().isBlank()) {
            return Offline.error("each line needs a \"file\" string");
        }
        JsonNode u = node.get("url");
        if (u != null && !u.isNull() && !u.isTextual()) {
            return Offline.error("\"url\" must be a string");
        }
        return Offline.analyzeFile(analyzer, node.get("file").asText(), u == null || u.isNull() ? null : u.asText());
    }
}
