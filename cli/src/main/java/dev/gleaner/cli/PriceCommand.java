package dev.gleaner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.scraper.price.Price;
import dev.gleaner.scraper.price.PriceHints;
import dev.gleaner.scraper.price.PriceParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gleaner price}: the price parser on one text per standard-input line, offline. */
@Command(name = "price", mixinStandardHelpOptions = true,
        description = "Parse one price text per standard-input line, offline.",
        footerHeading = "%nOutput:%n",
        footer = {"  One JSON object per line: {\"amount\": 1299.99, \"currency\": \"USD\"}, or",
                "  {\"amount\": null, \"currency\": null} when the line holds no price. Exit status 0, or 2 when misused.",
                "",
                "Example:",
                "  printf '12,900원\\n$5\\n' | gleaner price"})
final class PriceCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    GleanerCommand root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--currency-hint", paramLabel = "CODE",
            description = "ISO 4217 code that settles ambiguous symbols and bare numbers (¥ is JPY unless it says CNY).")
    String hint;

    @Override
    public Integer call() throws Exception {
        Cli cli = root.cli;
        PriceHints hints = PriceHints.NONE.withCurrencyHint(hint);
        if (hint != null && hints.currencyHint() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--currency-hint must be an ISO 4217 code such as USD or KRW");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8));
        String line;
        boolean first = true;
        while ((line = readLine(reader, cli)) != null) {
            if (first) {
                line = Offline.withoutBom(line);
                first = false;
            }
            ObjectNode result = Json.object();
            try {
                Price p = PriceParser.parse(line, hints);
                result.put("amount", p.amount());
                result.put("currency", p.currency());
            } catch (RuntimeException e) {
                result = Json.object();
                result.put("error", "cannot parse price: " + e.getClass().getSimpleName());
            }
            cli.out().println(Json.write(result));
            cli.out().flush();
        }
        return ExitCode.OK;
    }

    private static String readLine(BufferedReader reader, Cli cli) {
        return ExtractCommand.readLine(reader, cli);
    }
}
