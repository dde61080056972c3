package dev.gleaner.scraper.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The evaluation mains' command lines: {@code --name value} pairs, each name one the main knows. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    private Args(String[] args, List<String> names) {
        for (int i = 0; i < args.length; i++) {
            if (!names.contains(args[i])) {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            values.put(args[i], args[++i]);
        }
    }

    static Args parse(String[] args, String... names) {
        return new Args(args, List.of(names));
    }

    /** The path given for {@code name}, or null. */
    Path path(String name) {
        String v = values.get(name);
        return v == null ? null : Path.of(v);
    }

    /** The JSON file given for {@code name} (a baseline), or null when none was given or it does not exist yet. */
    JsonNode json(String name) throws IOException {
        Path file = path(name);
        return file != null && Files.isRegularFile(file) ? Json.parse(Files.readString(file)) : null;
    }

    String text(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }
}
