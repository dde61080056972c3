package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.scraper.ProductPageAnalyzer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gleaner extract}: detection and extraction on saved pages, offline, one JSON object per input. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Analyse a saved product page offline (FILE may be .gz), or many with --batch.",
        footerHeading = "%nOutput:%n",
        footer = {"  One JSON object per input, in input order: {\"product_info\": {...}, \"detected_platform\": ...,",
                "  \"platform_confidence\": ..., \"platform_indicators\": [...]}. An input that cannot be read gives",
                "  {\"error\": \"...\"}. Exit status 0, or 2 when misused.",
                "",
                "Examples:",
                "  gleaner extract --url https://shop.example.com/p/1 page.html",
                "  gleaner extract --batch < pages.ndjson      # lines {\"file\": ..., \"url\": ...}"})
final class ExtractCommand implements Callable<Integer> {
    @ParentCommand
    GleanerCommand root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "The page's address: relative images resolve against it; its host counts for detection and currency.")
    String url;

    @Option(names = "--batch", description = "Read NDJSON lines {\"file\": ..., \"url\": ...} on standard input.")
    boolean batch;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The saved page (plain or gzip).")
    String file;

    @Override
    public Integer call() throws Exception {
        Cli cli = root.cli;
        if (batch && (file != null || url != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "extract --batch takes no FILE or --url (they come on stdin)");
        }
        if (!batch && file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "extract needs a FILE (or --batch)");
        }
        ProductPageAnalyzer analyzer = new ProductPageAnalyzer();
        if (!batch) {
            cli.out().println(Offline.analyzeFile(analyzer, file, url));
            return ExitCode.OK;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8));
        String line;
        boolean first = true;
        while ((line = readLine(reader, cli)) != null) {
            cli.out().println(batchLine(analyzer, first ? Offline.withoutBom(line) : line));
            cli.out().flush();
            first = false;
        }
        return ExitCode.OK;
    }

    private static String batchLine(ProductPageAnalyzer analyzer, String line) {
        if (line.isBlank()) {
            return Offline.error("empty line: expected {\"file\": ..., \"url\": ...}");
        }
        JsonNode node;
        try {
            node = Json.parse(line);
        } catch (java.io.IOException e) {
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

    /** A broken standard input ends the output where it is (status 0, as before), with a note on stderr. */
    static String readLine(BufferedReader reader, Cli cli) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            cli.err().println("gleaner: cannot read standard input: " + e.getMessage());
            return null;
        }
    }
}
