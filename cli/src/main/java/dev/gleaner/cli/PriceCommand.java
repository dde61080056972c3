package dev.gleaner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.scraper.price.Price;
import dev.gleaner.scraper.price.PriceHints;
import dev.gleaner.scraper.price.PriceParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gleaner price}: the price parser on one text per standard-input line, offline. */
@Command(name = "price", description = "Parse one price text per standard-input line, offline.",
        footer = {"  One JSON object per line: {\"amount\": 1299.99, \"currency\": \"USD\"}, or",
                "  {\"amount\": null, \"currency\": null} when the line holds no price. Exit status 0, or 2 when misused.",
                "",
                "Example:",
                "  printf '12,900원\\n$5\\n' | gleaner price"})
final class PriceCommand extends OfflineCommand {
    @Option(names = "--currency-hint", paramLabel = "CODE",
            description = "ISO 4217 code that settles ambiguous symbols and bare numbers (¥ is JPY unless it says CNY).")
    String hint;

    @Override
    public Integer call() {
        PriceHints hints = PriceHints.NONE.withCurrencyHint(hint);
        if (hint != null && hints.currencyHint() == null) {
            throw usage("--currency-hint must be an ISO 4217 code such as USD or KRW");
        }
        return answerEachLine(line -> {
            ObjectNode result = Json.object();
            try {
                Price p = PriceParser.parse(line, hints);
                result.put("amount", p.amount());
                result.put("currency", p.currency());
            } catch (RuntimeException e) {
                result = Json.object();
                result.put("error", "cannot parse price: " + e.getClass().getSimpleName());
            }
            return Json.write(result);
        });
    }
}
