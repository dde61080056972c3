package dev.gleaner.scraper.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.scraper.ProductPageAnalyzer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Scores {@link ProductPageAnalyzer} on the development pages of the public product-extraction
 * benchmark ({@link PebDev}) exactly as that benchmark's {@code evaluate.py} does, so the figures
 * stand beside the published ones:
 *
 * <ul>
 *   <li>one predicted value per page and attribute; a prediction is a true positive when it is one
 *       of the accepted values, otherwise a false positive (and also a false negative when values
 *       were expected); no prediction is a false negative when values were expected;</li>
 *   <li>{@code price} compared as decimals ({@code 450} = {@code 450.00}), the currency not scored;
 *       {@code sku} and {@code availability} compared as exact strings;</li>
 *   <li>{@code availability} is {@code OutOfStock} only when the extractor says the product cannot
 *       be bought now (out of stock, sold out, discontinued), {@code InStock} otherwise, an empty
 *       value included (the benchmark filled empty values with {@code InStock}); the
 *       {@code InStock} and {@code OutOfStock} rows score each value on its own;</li>
 *   <li>precision, recall and F1 from the counts summed over the pages, with the benchmark's
 *       conventions for empty denominators.</li>
 * </ul>
 *
 * <p>Not a test: a main ({@code bench/scraper/run.sh peb}) that prints the table and writes a
 * results file with every miss. Arguments: {@code [--pages DIR] [--out FILE] [--label TEXT]
 * [--predictions FILE] [--baseline FILE] [--save-baseline FILE]}; {@code --predictions} writes the
 * predictions in the benchmark's own output format (one object per page key).
 */
public final class PebEvaluation {
    public static final List<String> ATTRIBUTES = List.of("price", "sku", "availability", "InStock", "OutOfStock");
    public static final String IN_STOCK = "InStock";
    public static final String OUT_OF_STOCK = "OutOfStock";

    /** Published F1 on all 140 pages (the benchmark's README): Zyte, Diffbot, extruct + price-parser. */
    static final Map<String, double[]> PUBLISHED = Map.of(
            "price", new double[] {0.918, 0.824, 0.685},
            "sku", new double[] {0.841, 0.765, 0.537},
            "availability", new double[] {0.957, 0.943, 0.626},
            "InStock", new double[] {0.977, 0.970, 0.954},
            "OutOfStock", new double[] {0.625, 0.429, 0.333});

    /** True positives, false positives, false negatives and pages with a value, for one attribute. */
    public record Counts(int tp, int fp, int fn, int support) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        /** These counts and one page's {@code {tp, fp, fn}}; {@code supported} when the page has a value. */
        Counts plus(int[] tpFpFn, boolean supported) {
            return new Counts(tp + tpFpFn[0], fp + tpFpFn[1], fn + tpFpFn[2], support + (supported ? 1 : 0));
        }

        public double precision() {
            return ratio(fp);
        }

        public double recall() {
            return ratio(fn);
        }

        /** tp / (tp + errors), as the benchmark: 1 when nothing was wrong or missed, 0 when nothing was right or said. */
        private double ratio(int errors) {
            if (fp == 0 && fn == 0) {
                return 1.0;
            }
            if (tp == 0 && errors == 0) {
                return 0.0;
            }
            return (double) tp / (tp + errors);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        }
    }

    /** A page where an attribute was wrong or missing, with where the value came from. */
    public record Miss(String key, String url, String attribute, Set<String> accepted, String predicted, String source) {}

    /**
     * @param rules for each scoring rule of the SKU and price rankings (a reason in
     *              {@code raw_data.sku_candidates} / {@code price_candidates}, numbers left out), the
     *              pages where it applied to some candidate: a rule that fits one page only is suspect
     */
    public record Report(int pages, Map<String, Counts> counts, List<Miss> misses, ObjectNode predictions,
            Map<String, SortedSet<String>> rules) {
        public Counts counts(String attribute) {
            return counts.get(attribute);
        }
    }

    private PebEvaluation() {}

    /** The benchmark's view of what the analyzer said about a page: attribute -> single value, absent when none. */
    public static Map<String, String> prediction(ProductInfo p) {
        Map<String, String> out = new LinkedHashMap<>();
        if (p.price() != null) {
            out.put("price", p.price().toPlainString());
        }
        if (p.sku() != null && !p.sku().isBlank()) {
            out.put("sku", p.sku());
        }
        String availability = "unavailable".equals(ExtractionEvaluation.availabilityClass(
                p.availability() == null ? "" : p.availability())) ? OUT_OF_STOCK : IN_STOCK;
        out.put("availability", availability);
        out.put(availability, availability);
        return out;
    }

    public static Report evaluate(PebDev dev) {
        return evaluate(dev, false);
    }

    /**
     * @param withoutStructuredData remove JSON-LD, microdata and product meta tags from every page
     *                              first: what the visible markup alone yields, a stand-in for pages
     *                              that state nothing in structured data
     */
    public static Report evaluate(PebDev dev, boolean withoutStructuredData) {
        ProductPageAnalyzer analyzer = new ProductPageAnalyzer();
        Map<String, Counts> counts = new LinkedHashMap<>();
        ATTRIBUTES.forEach(a -> counts.put(a, Counts.NONE));
        List<Miss> misses = new ArrayList<>();
        ObjectNode predictions = Json.object();
        Map<String, SortedSet<String>> rules = new TreeMap<>();
        for (PebDev.Page page : dev.pages()) {
            String html = withoutStructuredData ? withoutStructuredData(page.html(), page.url()) : page.html();
            ProductInfo info = analyzer.analyze(html, page.url(), null, null).productInfo();
            Map<String, String> predicted = prediction(info);
            predictions.set(page.key(), Json.tree(predicted));
            JsonNode sources = info.rawData() == null ? null : info.rawData().get("sources");
            if (info.rawData() != null) {
                collectRules("sku", info.rawData().path("sku_candidates"), page.key(), rules);
                collectRules("price", info.rawData().path("price_candidates"), page.key(), rules);
            }
            for (String attribute : ATTRIBUTES) {
                Set<String> accepted = page.accepted(attribute);
                String value = predicted.get(attribute);
                int[] r = attribute.equals("price") ? decimalMatching(accepted, value) : hardMatching(accepted, value);
                counts.put(attribute, counts.get(attribute).plus(r, !accepted.isEmpty()));
                if ((r[1] > 0 || r[2] > 0) && !attribute.equals("InStock") && !attribute.equals("OutOfStock")) {
                    String field = attribute.equals("availability") ? "availability" : attribute;
                    String source = sources == null ? null : sources.path(field).asText(null);
                    misses.add(new Miss(page.key(), page.url(), attribute, accepted,
                            attribute.equals("availability") && info.availability() != null
                                    ? value + " (" + info.availability() + ")" : value, source));
                }
            }
        }
        return new Report(dev.pages().size(), counts, misses, predictions, rules);
    }

    static String withoutStructuredData(String html, String url) {
        Document doc = Jsoup.parse(html, url);
        doc.select("script[type*=ld+json]").remove();
        doc.select("[itemprop]").removeAttr("itemprop");
        doc.select("[itemscope]").removeAttr("itemscope").removeAttr("itemtype");
        doc.select("meta[property^=product:], meta[property^=og:price], meta[property^=og:availability]").remove();
        return doc.outerHtml();
    }

    private static void collectRules(String field, JsonNode candidates, String key,
            Map<String, SortedSet<String>> rules) {
        for (JsonNode c : candidates) {
            List<String> reasons = new ArrayList<>();
            c.path("reasons").forEach(r -> reasons.add(r.asText()));
            if (c.has("dropped")) {
                reasons.add("set aside: " + c.get("dropped").asText());
            }
            for (String r : reasons) {
                String rule = field + ": " + r.replaceAll("\\s*[+-]?\\d+$", "").replaceAll("\\d+", "N");
                rules.computeIfAbsent(rule, k -> new TreeSet<>()).add(key.substring(0, 8));
            }
        }
    }

    static int[] hardMatching(Set<String> accepted, String predicted) {
        if (predicted == null) {
            return new int[] {0, 0, accepted.isEmpty() ? 0 : 1};
        }
        if (accepted.contains(predicted)) {
            return new int[] {1, 0, 0};
        }
        return new int[] {0, 1, accepted.isEmpty() ? 0 : 1};
    }

    static int[] decimalMatching(Set<String> accepted, String predicted) {
        if (predicted == null) {
            return new int[] {0, 0, accepted.isEmpty() ? 0 : 1};
        }
        BigDecimal p = new BigDecimal(predicted.trim());
        for (String a : accepted) {
            if (new BigDecimal(a.trim()).compareTo(p) == 0) {
                return new int[] {1, 0, 0};
            }
        }
        return new int[] {0, 1, accepted.isEmpty() ? 0 : 1};
    }

    // --- the command line ------------------------------------------------------------------

    public static void main(String[] args) throws IOException {
        Path dir = null;
        Path out = null;
        Path predictionsFile = null;
        Path baseline = null;
        Path saveBaseline = null;
        String label = "current";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pages" -> dir = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--label" -> label = args[++i];
                case "--predictions" -> predictionsFile = Path.of(args[++i]);
                case "--baseline" -> baseline = Path.of(args[++i]);
                case "--save-baseline" -> saveBaseline = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        PebDev dev = dir == null ? PebDev.load() : PebDev.load(dir);
        Report report = evaluate(dev);
        Report stripped = evaluate(dev, true);
        JsonNode before = baseline != null && Files.isRegularFile(baseline) ? Json.parse(Files.readString(baseline)) : null;
        System.out.print(table(report));
        System.out.println("without structured data:");
        System.out.print(table(stripped));
        if (predictionsFile != null) {
            write(predictionsFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.predictions()) + "\n");
        }
        if (saveBaseline != null) {
            write(saveBaseline, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report, label)) + "\n");
        }
        if (out != null) {
            write(out, markdown(report, before, label, stripped));
            System.out.println("report written to " + out);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static ObjectNode toJson(Report r, String label) {
        ObjectNode root = Json.object();
        root.put("label", label);
        root.put("pages", r.pages());
        ObjectNode attributes = root.putObject("attributes");
        r.counts().forEach((name, c) -> {
            ObjectNode a = attributes.putObject(name);
            a.put("tp", c.tp());
            a.put("fp", c.fp());
            a.put("fn", c.fn());
            a.put("support", c.support());
        });
        return root;
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String table(Report r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-13s %6s %9s %6s %7s %4s %4s %4s   %s%n",
                "attribute", "F1", "precision", "recall", "support", "TP", "FP", "FN", "Zyte F1 (published)"));
        for (String a : ATTRIBUTES) {
            Counts c = r.counts(a);
            b.append(String.format(Locale.ROOT, "%-13s %6s %9s %6s %7d %4d %4d %4d   %s%n", a, f3(c.f1()),
                    f3(c.precision()), f3(c.recall()), c.support(), c.tp(), c.fp(), c.fn(), f3(PUBLISHED.get(a)[0])));
        }
        return b.toString();
    }

    static String markdown(Report r, JsonNode before, String label, Report stripped) {
        StringBuilder b = new StringBuilder();
        b.append("# Product extraction on the benchmark's development pages\n\n");
        b.append("Generated by `dev.gleaner.scraper.eval.PebEvaluation` (`bench/scraper/run.sh peb`), revision `")
                .append(label).append("`, over the ").append(r.pages()).append(" real product pages of ")
                .append("`../shared/fixtures/peb-dev` (the development half of `scrapinghub/product-extraction-benchmark`), ")
                .append("scored as that benchmark's `evaluate.py` scores: one value per page and attribute, prices as ")
                .append("decimals, SKU and availability as exact strings, availability `OutOfStock` only when the ")
                .append("extractor says so. The published figures are on all 140 pages of the benchmark (these 70 and ")
                .append("70 held-out ones), so they are a reference, not a like-for-like comparison.\n\n");
        b.append("| attribute | F1 | precision | recall | support | TP | FP | FN |");
        if (before != null) {
            b.append(" F1 before |");
        }
        b.append(" Zyte F1 | Diffbot F1 | extruct F1 |\n|---|---:|---:|---:|---:|---:|---:|---:|");
        if (before != null) {
            b.append("---:|");
        }
        b.append("---:|---:|---:|\n");
        for (String a : ATTRIBUTES) {
            Counts c = r.counts(a);
            b.append("| ").append(a).append(" | **").append(f3(c.f1())).append("** | ").append(f3(c.precision()))
                    .append(" | ").append(f3(c.recall())).append(" | ").append(c.support()).append(" | ").append(c.tp())
                    .append(" | ").append(c.fp()).append(" | ").append(c.fn()).append(" |");
            if (before != null) {
                JsonNode x = before.path("attributes").path(a);
                Counts old = new Counts(x.path("tp").asInt(), x.path("fp").asInt(), x.path("fn").asInt(), x.path("support").asInt());
                b.append(' ').append(f3(old.f1())).append(" |");
            }
            double[] pub = PUBLISHED.get(a);
            b.append(' ').append(f3(pub[0])).append(" | ").append(f3(pub[1])).append(" | ").append(f3(pub[2])).append(" |\n");
        }
        if (before != null) {
            b.append("\n\"Before\" is revision `").append(before.path("label").asText()).append("`.\n");
        }
        if (stripped != null) {
            b.append("\n## The same pages without their structured data\n\n")
                    .append("JSON-LD, microdata and product meta tags removed from every page before extraction: what the ")
                    .append("visible markup alone yields (labels, price elements near the title, buy buttons...), a stand-in ")
                    .append("for shops that state nothing in structured data.\n\n")
                    .append("| attribute | F1 | precision | recall | TP | FP | FN |\n|---|---:|---:|---:|---:|---:|---:|\n");
            for (String a : List.of("price", "sku", "availability")) {
                Counts c = stripped.counts(a);
                b.append("| ").append(a).append(" | ").append(f3(c.f1())).append(" | ").append(f3(c.precision()))
                        .append(" | ").append(f3(c.recall())).append(" | ").append(c.tp()).append(" | ").append(c.fp())
                        .append(" | ").append(c.fn()).append(" |\n");
            }
        }
        b.append("\n## How often each ranking rule applied\n\n")
                .append("Pages where a rule of the SKU ranking (`raw_data.sku_candidates`) or of the price ranking ")
                .append("without structured data (`raw_data.price_candidates`, its five best candidates) applied to some ")
                .append("candidate. A rule met on one page only would be fitted to that page.\n\n")
                .append("| rule | pages |\n|---|---:|\n");
        r.rules().forEach((rule, keys) -> b.append("| ").append(rule).append(" | ").append(keys.size()).append(" |\n"));
        b.append("\n## Every miss\n\n");
        if (r.misses().isEmpty()) {
            b.append("None.\n");
            return b.toString();
        }
        b.append("`source` is where the value came from (`raw_data.sources`).\n\n");
        b.append("| page | site | attribute | accepted | predicted | source |\n|---|---|---|---|---|---|\n");
        for (Miss m : r.misses()) {
            b.append("| ").append(m.key(), 0, 8).append(" | ").append(host(m.url())).append(" | ").append(m.attribute())
                    .append(" | ").append(cell(m.accepted().isEmpty() ? "—" : String.join(" / ", m.accepted())))
                    .append(" | ").append(cell(m.predicted() == null ? "—" : m.predicted()))
                    .append(" | ").append(m.source() == null ? "—" : m.source()).append(" |\n");
        }
        return b.toString();
    }

    private static String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? "?" : h.replaceFirst("^www\\.", "");
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String cell(String s) {
        String v = s.replace("|", "\\|").replace("\n", " ");
        return v.length() > 60 ? v.substring(0, 57) + "…" : v;
    }
}
