package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.api.ApiPaths;
import dev.gleaner.cli.api.Poller;
import dev.gleaner.cli.ui.Messages;
import dev.gleaner.cli.ui.ProgressView;
import dev.gleaner.cli.ui.Statuses;
import dev.gleaner.cli.ui.Table;
import dev.gleaner.cli.ui.Term;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gleaner scrape URL}: POST /scrape; with --wait, poll to the end and print the product. */
@Command(name = "scrape", sortOptions = false,
        description = "Scrape a product page: title, price, availability, detected platform and confidence. "
                + "A cached result answers at once; otherwise --wait follows the task to the end.",
        footerHeading = "%nExample:%n",
        footer = "  gleaner scrape https://shop.example.com/products/trail-runner --language en --wait")
final class ScrapeCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "URL", description = "The product page (http or https).")
    String url;

    @Option(names = "--language", paramLabel = "L", description = "ISO 639-1 language to ask for (and translate to, when configured).")
    String language;

    @Option(names = "--force-refresh", description = "Skip the cache and fetch the page again.")
    boolean forceRefresh;

    @Option(names = "--proxy-file", paramLabel = "FILE",
            description = "Fetch through the proxy URL in FILE, http(s)://[user:pass@]host:port (or $GLEANER_SCRAPE_PROXY).")
    Path proxyFile;

    @Option(names = "--proxy", paramLabel = "URL", description = "The proxy URL itself (credentials show in `ps`; prefer --proxy-file).")
    String proxy;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "The same key with the same request within 24 h answers the same task.")
    String idempotencyKey;

    @Option(names = "--wait", description = "Wait for the result; exit 0 when completed, 1 when failed.")
    boolean waitForEnd;

    @Override
    Map<String, String> fieldOptions() {
        return Map.of("url", "URL", "target_language", "--language", "proxy", "--proxy-file", "force_refresh", "--force-refresh");
    }

    @Override
    public Integer call() {
        ObjectNode body = Json.object();
        body.put("url", url);
        if (language != null) {
            body.put("target_language", language);
        }
        if (forceRefresh) {
            body.put("force_refresh", true);
        }
        String proxyUrl = SecretSource.resolve(spec.commandLine(), cli(), proxy, "--proxy", proxyFile, "--proxy-file", Env.CLI_SCRAPE_PROXY);
        if (proxyUrl != null) {
            body.put("proxy", proxyUrl);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        JsonNode task = ApiClient.expectOk(api().post(ApiPaths.scrape(), body, headers)).json();
        return report(this, task, waitForEnd);
    }

    /** Prints a scrape task (the full result shape); with {@code wait}, follows it to its end first. */
    static int report(ApiCommand command, JsonNode task, boolean wait) {
        String id = task.path("task_id").asText();
        if (wait && !Poller.isFinal(task.path("status").asText())) {
            Cli cli = command.cli();
            Messages msg = command.msg();
            Term term = command.output().quiet ? Term.none() : cli.term().get();
            long t0 = System.nanoTime();
            try (ProgressView view = ProgressView.create(term, command.output().quiet, cli.err(), msg)) {
                new Poller(command.api()).untilFinal(ApiPaths.scrapeStatus(id), s -> view.update(new ProgressView.Progress(
                        msg.get("scrape.title"), s.path("status").asText(), s.path("progress").asLong(), 100,
                        TaskText.textOrNull(s.get("message")), Duration.ofNanos(System.nanoTime() - t0))));
            } catch (ApiClient.Interrupted e) {
                // A scrape cannot be cancelled: it goes on, and its id shows it later.
                Thread.interrupted();
                cli.err().println();
                cli.err().println(msg.get("scrape.left", id));
                return ExitCode.DETACHED;
            }
            task = ApiClient.expectOk(command.api().get(ApiPaths.scrapeResult(id))).json();
        }
        if (command.json()) {
            command.printJson(task);
        } else {
            print(command.out(), command.msg(), task);
        }
        String status = task.path("status").asText();
        return status.equals("failed") ? ExitCode.FAILED : ExitCode.OK;
    }

    static void print(PrintStream out, Messages msg, JsonNode task) {
        String status = task.path("status").asText();
        String id = task.path("task_id").asText();
        if (!Poller.isFinal(status)) {
            out.println(msg.get("scrape.pending", Statuses.label(msg, status), id));
            out.println(msg.get("scrape.follow", id));
            return;
        }
        if (status.equals("failed")) {
            out.println(msg.get("scrape.failed", id, task.path("error").asText("")));
            return;
        }
        JsonNode p = task.path("product_info");
        out.println(p.path("title").isTextual() ? p.get("title").asText() : msg.get("scrape.untitled"));
        Table t = new Table("", "").maxCell(90);
        t.row(msg.get("product.price"), price(p));
        t.row(msg.get("product.availability"), text(p.get("availability")));
        if (p.path("brand").isTextual()) {
            t.row(msg.get("product.brand"), p.get("brand").asText());
        }
        if (p.path("sku").isTextual()) {
            t.row("SKU", p.get("sku").asText());
        }
        if (p.path("rating").isNumber()) {
            t.row(msg.get("product.rating"), p.get("rating").asText()
                    + (p.path("review_count").isNumber() ? " (" + msg.get("product.reviews", p.get("review_count").asLong()) + ")" : ""));
        }
        JsonNode platform = task.get("detected_platform");
        t.row(msg.get("product.platform"), platform == null || platform.isNull() ? msg.get("product.unknown")
                : platform.asText() + " (" + msg.get("product.confidence",
                        String.format(Locale.ROOT, "%.2f", task.path("platform_confidence").asDouble())) + ")");
        t.row("URL", task.path("url").asText());
        t.row(msg.get("product.task"), id + (task.path("cache_hit").asBoolean() ? " (" + msg.get("product.cached") + ")" : ""));
        t.print(out, "  ");
    }

    private static String price(JsonNode p) {
        JsonNode price = p.get("price");
        if (price == null || price.isNull()) {
            return "-";
        }
        BigDecimal amount = price.decimalValue().stripTrailingZeros();
        if (amount.scale() == 1) {
            amount = amount.setScale(2); // 129.9 reads 129.90, as prices are written
        }
        String currency = p.path("currency").isTextual() ? " " + p.get("currency").asText() : "";
        return amount.toPlainString() + currency;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "-" : n.asText();
    }
}
