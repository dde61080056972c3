package dev.gleaner.scraper.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.safehttp.HtmlDecoding;
import dev.gleaner.scraper.extract.ProductJsonFetcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The evaluation corpus in {@code bench/scraper/corpus}: hand-written replicas of product pages
 * ({@code pages/*.html.gz}, built from {@code src/} by {@code build.py}) and {@code gold.jsonl},
 * one line per page with the URL it was "saved" from, the response headers and cookies the shop
 * would have sent, an optional saved Shopify {@code /products/{handle}.json}, and the expected
 * values.
 */
public record Corpus(Path dir, List<Entry> entries) {
    /** One page of the corpus. */
    public record Entry(String id, String url, Map<String, List<String>> headers, List<String> cookies, Path page,
            Path productJson, JsonNode expected) {
        /** The page as the scraper would see it: gunzipped and decoded like a fetched response. */
        public String html() {
            return HtmlDecoding.decode(bytes(), null);
        }

        /** The raw page bytes (uncompressed). */
        public byte[] bytes() {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(page)))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + page, e);
            }
        }

        /** Serves the saved product JSON (Shopify pages that have one), as the worker's fetcher would. */
        public ProductJsonFetcher fetcher() {
            if (productJson == null) {
                return ProductJsonFetcher.NONE;
            }
            return url -> {
                try {
                    return Optional.of(Files.readString(productJson, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return Optional.empty();
                }
            };
        }
    }

    public Corpus {
        entries = List.copyOf(entries);
    }

    /**
     * Finds the corpus: the {@code gleaner.corpus} system property, else {@code bench/scraper/corpus}
     * in the working directory or any parent (so it works from the repository root and from a
     * module directory, where surefire runs).
     */
    public static Path locate() {
        return findAbove("gleaner.corpus", "bench/scraper/corpus", "gold.jsonl");
    }

    /**
     * The folder named by system property {@code property}, else {@code relative} under the working
     * directory or the nearest of its parents that holds {@code relative/marker}; an error (never a
     * skip) when there is none.
     */
    static Path findAbove(String property, String relative, String marker) {
        String prop = System.getProperty(property);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve(relative);
            if (Files.isRegularFile(candidate.resolve(marker))) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + "/" + marker + " not found from " + here + " or above (set -D"
                + property + "=DIR)");
    }

    public static Corpus load() {
        return load(locate());
    }

    public static Corpus load(Path dir) {
        List<Entry> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("gold.jsonl"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode g = Json.parse(line);
                String id = g.path("id").asText();
                Map<String, List<String>> headers = new LinkedHashMap<>();
                g.path("headers").fields().forEachRemaining(e -> {
                    List<String> values = new ArrayList<>();
                    e.getValue().forEach(v -> values.add(v.asText()));
                    headers.put(e.getKey(), values);
                });
                List<String> cookies = new ArrayList<>();
                g.path("cookies").forEach(c -> cookies.add(c.asText()));
                Path page = dir.resolve("pages").resolve(id + ".html.gz");
                if (!Files.isRegularFile(page)) {
                    throw new IllegalStateException("missing " + page + " (run python3 bench/scraper/corpus/build.py)");
                }
                Path productJson = g.hasNonNull("product_json") ? dir.resolve(g.get("product_json").asText()) : null;
                out.add(new Entry(id, g.path("url").asText(), headers, cookies, page, productJson, g.path("expected")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Corpus(dir, out);
    }
}
