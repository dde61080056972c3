package dev.gleaner.scraper.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.scraper.Analysis;
import dev.gleaner.scraper.ProductPageAnalyzer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Per-field precision and recall of {@link ProductPageAnalyzer} on the corpus, and platform
 * detection accuracy. Not a test: a main that prints a table and writes
 * {@code bench/scraper/results/extraction.md} (see {@code bench/scraper/README.md} for the
 * command).
 *
 * <p>Scoring, per field: a prediction is correct when it matches the gold value (titles and
 * brands compared case- and whitespace-insensitively, prices numerically, ratings within 0.05,
 * availability by meaning: "Sold Out" and "Out of Stock" agree, images by count). A wrong value
 * counts against both precision (it was said) and recall (the right one was not);
 * a value where the gold says there is none counts against precision only.
 * Precision = correct / predicted, recall = correct / gold values.
 *
 * <p>Arguments: {@code [--corpus DIR] [--out FILE] [--label TEXT] [--save-baseline FILE]
 * [--baseline FILE]}: a saved baseline adds "before" columns to the report.
 */
public final class ExtractionEvaluation {
    public static final List<String> FIELDS = List.of("title", "price", "currency", "availability", "brand", "sku",
            "images", "rating", "review_count");

    /** Counts for one field. */
    public static final class Score {
        int correct;
        int predicted;
        int gold;

        public double precision() {
            return predicted == 0 ? 1.0 : (double) correct / predicted;
        }

        public double recall() {
            return gold == 0 ? 1.0 : (double) correct / gold;
        }

        public int correct() {
            return correct;
        }

        public int predicted() {
            return predicted;
        }

        public int gold() {
            return gold;
        }
    }

    public record Mismatch(String page, String field, String expected, String got) {}

    public record Report(int pages, Map<String, Score> fields, int platformCorrect, int platformNamed,
            int platformNamedCorrect, int platformGoldNamed, int pagesAllFieldsCorrect, List<Mismatch> mismatches) {
        public double platformAccuracy() {
            return pages == 0 ? 1.0 : (double) platformCorrect / pages;
        }

        public Score score(String field) {
            return fields.get(field);
        }
    }

    private ExtractionEvaluation() {}

    public static Report evaluate(Corpus corpus) {
        Map<String, Score> scores = new LinkedHashMap<>();
        FIELDS.forEach(f -> scores.put(f, new Score()));
        List<Mismatch> mismatches = new ArrayList<>();
        int platformCorrect = 0;
        int platformNamed = 0;
        int platformNamedCorrect = 0;
        int platformGoldNamed = 0;
        int allCorrect = 0;
        for (Corpus.Entry e : corpus.entries()) {
            Analysis a = new ProductPageAnalyzer(e.fetcher()).analyze(e.html(), e.url(), e.headers(), e.cookies());
            ProductInfo p = a.productInfo();
            JsonNode g = e.expected();
            boolean pageOk = true;
            for (String field : FIELDS) {
                JsonNode expected = g.get(field);
                Object got = value(p, field);
                boolean hasGold = expected != null && !expected.isNull();
                boolean hasPrediction = got != null;
                Score s = scores.get(field);
                boolean ok = hasGold && hasPrediction && matches(field, expected, got);
                if (hasGold) {
                    s.gold++;
                }
                if (hasPrediction) {
                    s.predicted++;
                }
                if (ok) {
                    s.correct++;
                } else if (hasGold || hasPrediction) {
                    pageOk = false;
                    mismatches.add(new Mismatch(e.id(), field, hasGold ? expected.isTextual() ? expected.asText()
                            : expected.toString() : "—", hasPrediction ? String.valueOf(got) : "—"));
                }
            }
            String goldPlatform = g.hasNonNull("platform") ? g.get("platform").asText() : null;
            String platform = a.detectedPlatform();
            if (Objects.equals(goldPlatform, platform)) {
                platformCorrect++;
            } else {
                mismatches.add(new Mismatch(e.id(), "platform", goldPlatform == null ? "—" : goldPlatform,
                        platform == null ? "—" : platform + " (" + a.platformConfidence() + ")"));
            }
            if (platform != null) {
                platformNamed++;
                if (platform.equals(goldPlatform)) {
                    platformNamedCorrect++;
                }
            }
            if (goldPlatform != null) {
                platformGoldNamed++;
            }
            if (pageOk) {
                allCorrect++;
            }
        }
        return new Report(corpus.entries().size(), scores, platformCorrect, platformNamed, platformNamedCorrect,
                platformGoldNamed, allCorrect, mismatches);
    }

    private static Object value(ProductInfo p, String field) {
        return switch (field) {
            case "title" -> p.title();
            case "price" -> p.price();
            case "currency" -> p.currency();
            case "availability" -> p.availability();
            case "brand" -> p.brand();
            case "sku" -> p.sku();
            case "images" -> p.images().isEmpty() ? null : p.images().size();
            case "rating" -> p.rating();
            case "review_count" -> p.reviewCount();
            default -> throw new IllegalArgumentException(field);
        };
    }

    static boolean matches(String field, JsonNode expected, Object got) {
        if (expected.isArray()) {
            for (JsonNode alternative : expected) {
                if (matches(field, alternative, got)) {
                    return true;
                }
            }
            return false;
        }
        return switch (field) {
            case "title", "brand" -> text(expected.asText()).equals(text(got.toString()));
            case "sku", "currency" -> expected.asText().trim().equalsIgnoreCase(got.toString().trim());
            case "price" -> new BigDecimal(expected.asText()).compareTo((BigDecimal) got) == 0;
            case "availability" -> availabilityClass(expected.asText()).equals(availabilityClass(got.toString()));
            case "images", "review_count" -> expected.asInt() == ((Number) got).intValue();
            case "rating" -> Math.abs(expected.asDouble() - ((Number) got).doubleValue()) <= 0.05;
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static String text(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }

    /** Words that mean the same to a shopper: can I buy it now, later, or not at all. */
    static String availabilityClass(String word) {
        return switch (word) {
            case "In Stock", "Limited Availability", "Online Only", "In Store Only", "Made to Order" -> "available";
            case "Out of Stock", "Sold Out", "Discontinued" -> "unavailable";
            case "Pre-Order", "Pre-Sale" -> "pre-order";
            case "Back Order" -> "back-order";
            default -> word;
        };
    }

    // --- the command line ------------------------------------------------------------------

    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args, "--corpus", "--out", "--label", "--save-baseline", "--baseline", "--heldout",
                "--heldout-baseline", "--save-heldout-baseline");
        String label = a.text("--label", "current");
        Path corpusDir = a.path("--corpus");
        Corpus corpus = corpusDir == null ? Corpus.load() : Corpus.load(corpusDir);
        Report report = evaluate(corpus);
        JsonNode before = a.json("--baseline");
        System.out.print(table(report, before));
        Path saveBaseline = a.path("--save-baseline");
        if (saveBaseline != null) {
            Files.createDirectories(saveBaseline.toAbsolutePath().getParent());
            Files.writeString(saveBaseline, Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(toJson(report, label)) + "\n", StandardCharsets.UTF_8);
            System.out.println("baseline saved to " + saveBaseline);
        }
        String md = markdown(report, before, label);
        Path heldoutDir = a.path("--heldout");
        if (heldoutDir != null) {
            Report held = evaluate(Corpus.load(heldoutDir));
            JsonNode heldBefore = a.json("--heldout-baseline");
            System.out.println("held-out pages:");
            System.out.print(table(held, heldBefore));
            Path saveHeldoutBaseline = a.path("--save-heldout-baseline");
            if (saveHeldoutBaseline != null) {
                Files.writeString(saveHeldoutBaseline, Json.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(toJson(held, label)) + "\n", StandardCharsets.UTF_8);
            }
            md += "\n# Held-out pages\n\n" + HELD_OUT_NOTE + markdown(held, heldBefore, label)
                    .replaceFirst("(?s)^# [^\n]*\n\n[^\n]*\n\n", "");
        }
        Path out = a.path("--out");
        if (out == null) {
            out = corpus.dir().getParent().resolve("results/extraction.md");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.println("report written to " + out);
    }

    private static final String HELD_OUT_NOTE = "Pages in `bench/scraper/heldout`, written (gold values included) after "
            + "the extractor had been tuned on the corpus above, and never used to tune it: the fairer estimate of how the "
            + "extractor does on markup it has not been fitted to. \"Before\" is the extractor as it was before that tuning.\n\n";

    static ObjectNode toJson(Report r, String label) {
        ObjectNode root = Json.object();
        root.put("label", label);
        root.put("pages", r.pages());
        ObjectNode fields = root.putObject("fields");
        r.fields().forEach((name, s) -> {
            ObjectNode f = fields.putObject(name);
            f.put("correct", s.correct);
            f.put("predicted", s.predicted);
            f.put("gold", s.gold);
        });
        ObjectNode platform = root.putObject("platform");
        platform.put("correct", r.platformCorrect());
        platform.put("named", r.platformNamed());
        platform.put("named_correct", r.platformNamedCorrect());
        platform.put("gold_named", r.platformGoldNamed());
        root.put("pages_all_fields_correct", r.pagesAllFieldsCorrect());
        return root;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String pct(JsonNode f, boolean precision) {
        int correct = f.path("correct").asInt();
        int denominator = precision ? f.path("predicted").asInt() : f.path("gold").asInt();
        return denominator == 0 ? "100.0%" : pct((double) correct / denominator);
    }

    static String table(Report r, JsonNode before) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-13s %5s %5s %5s %9s %9s%s%n", "field", "gold", "said", "right", "precision",
                "recall", before == null ? "" : "   before: precision  recall"));
        for (String field : FIELDS) {
            Score s = r.score(field);
            b.append(String.format(Locale.ROOT, "%-13s %5d %5d %5d %9s %9s", field, s.gold, s.predicted, s.correct,
                    pct(s.precision()), pct(s.recall())));
            if (before != null) {
                JsonNode f = before.path("fields").path(field);
                b.append(String.format(Locale.ROOT, "   %17s %7s", pct(f, true), pct(f, false)));
            }
            b.append('\n');
        }
        b.append(String.format(Locale.ROOT, "platform detection: %d/%d pages right (%s); named %d, of which %d right;"
                        + " %d of %d gold platforms found%n", r.platformCorrect(), r.pages(), pct(r.platformAccuracy()),
                r.platformNamed(), r.platformNamedCorrect(), r.platformNamedCorrect(), r.platformGoldNamed()));
        b.append(String.format(Locale.ROOT, "pages with every field right: %d/%d%n", r.pagesAllFieldsCorrect(), r.pages()));
        return b.toString();
    }

    static String markdown(Report r, JsonNode before, String label) {
        StringBuilder b = new StringBuilder();
        b.append("# Extraction quality on the product-page corpus\n\n");
        b.append("Generated by `dev.gleaner.scraper.eval.ExtractionEvaluation` (`bench/scraper/run.sh eval`), ")
                .append("revision `").append(label).append("`, over ").append(r.pages())
                .append(" hand-written replicas of product pages (`bench/scraper/corpus`, see its README: they are ")
                .append("modelled on real platforms, not downloaded). Scoring rules are in the class comment and the ")
                .append("README. The extractor was improved by studying this corpus's misses (\"before\" columns), so these ")
                .append("figures flatter it; the held-out pages further down were written afterwards and are the fairer "
                        + "measure.\n\n");
        b.append("| field | gold values | predicted | correct | precision | recall |");
        if (before != null) {
            b.append(" precision before | recall before |");
        }
        b.append("\n|---|---:|---:|---:|---:|---:|");
        if (before != null) {
            b.append("---:|---:|");
        }
        b.append('\n');
        for (String field : FIELDS) {
            Score s = r.score(field);
            b.append("| ").append(field).append(" | ").append(s.gold).append(" | ").append(s.predicted).append(" | ")
                    .append(s.correct).append(" | ").append(pct(s.precision())).append(" | ").append(pct(s.recall())).append(" |");
            if (before != null) {
                JsonNode f = before.path("fields").path(field);
                b.append(' ').append(pct(f, true)).append(" | ").append(pct(f, false)).append(" |");
            }
            b.append('\n');
        }
        b.append("\nPlatform detection: **").append(r.platformCorrect()).append('/').append(r.pages())
                .append("** pages right (").append(pct(r.platformAccuracy())).append("), counting pages where no platform ")
                .append("should be named; a platform was named on ").append(r.platformNamed()).append(" pages, ")
                .append(r.platformNamedCorrect()).append(" of them correctly; ").append(r.platformNamedCorrect())
                .append(" of the ").append(r.platformGoldNamed()).append(" pages built on a known platform were recognised.");
        if (before != null) {
            JsonNode p = before.path("platform");
            b.append(" Before: ").append(p.path("correct").asInt()).append('/').append(before.path("pages").asInt()).append('.');
        }
        b.append("\n\nPages with every field right: **").append(r.pagesAllFieldsCorrect()).append('/').append(r.pages())
                .append("**");
        if (before != null) {
            b.append(" (before: ").append(before.path("pages_all_fields_correct").asInt()).append(')');
        }
        b.append(".\n\n## Every miss\n\n");
        if (r.mismatches().isEmpty()) {
            b.append("None.\n");
        } else {
            b.append("| page | field | expected | got |\n|---|---|---|---|\n");
            for (Mismatch m : r.mismatches()) {
                b.append("| ").append(m.page()).append(" | ").append(m.field()).append(" | ").append(cell(m.expected()))
                        .append(" | ").append(cell(m.got())).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        String v = s.replace("|", "\\|").replace("\n", " ");
        return v.length() > 90 ? v.substring(0, 87) + "…" : v;
    }
}
