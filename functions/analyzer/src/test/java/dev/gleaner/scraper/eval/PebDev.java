package dev.gleaner.scraper.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.safehttp.HtmlDecoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The development half of the public product-extraction benchmark
 * ({@code scrapinghub/product-extraction-benchmark}, MIT): 70 real product pages in
 * {@code ../shared/fixtures/peb-dev/html/<key>.html.gz} and their accepted values in
 * {@code ground-truth.json}. Read in place, never copied into the repository.
 */
public record PebDev(Path dir, List<Page> pages) {
    /** One page: its key, the URL it was saved from, and the accepted values per attribute. */
    public record Page(String key, String url, Path file, Map<String, Set<String>> truth) {
        /** The page decoded the way the worker decodes a fetched response (no Content-Type: sniffed). */
        public String html() {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                return HtmlDecoding.decode(in.readAllBytes(), null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        public Set<String> accepted(String attribute) {
            return truth.getOrDefault(attribute, Set.of());
        }
    }

    public PebDev {
        pages = List.copyOf(pages);
    }

    /**
     * Finds the pages: the {@code gleaner.peb} system property, else {@code shared/fixtures/peb-dev}
     * beside the repository or beside any folder above the working directory (the repository's
     * {@code ../shared}, from the root or a module directory, and from a worktree nested deeper).
     * Missing pages are an error, never a skip.
     */
    public static Path locate() {
        return Corpus.findAbove("gleaner.peb", "shared/fixtures/peb-dev", "ground-truth.json");
    }

    public static PebDev load() {
        return load(locate());
    }

    public static PebDev load(Path dir) {
        List<Page> pages = new ArrayList<>();
        try {
            JsonNode truth = Json.parse(Files.readString(dir.resolve("ground-truth.json"), StandardCharsets.UTF_8));
            var it = truth.fields();
            while (it.hasNext()) {
                var e = it.next();
                String key = e.getKey();
                Map<String, Set<String>> values = new LinkedHashMap<>();
                e.getValue().fields().forEachRemaining(f -> {
                    if (f.getValue().isArray()) {
                        Set<String> accepted = new LinkedHashSet<>();
                        f.getValue().forEach(v -> accepted.add(v.asText()));
                        values.put(f.getKey(), accepted);
                    }
                });
                Path file = dir.resolve("html").resolve(key + ".html.gz");
                if (!Files.isRegularFile(file)) {
                    throw new IllegalStateException("missing page " + file);
                }
                pages.add(new Page(key, e.getValue().path("url").asText(null), file, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pages.sort(Comparator.comparing(Page::key));
        return new PebDev(dir, pages);
    }
}
