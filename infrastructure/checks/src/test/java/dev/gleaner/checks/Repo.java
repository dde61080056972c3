package dev.gleaner.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths in the repository the checks read: the template, events/, the functions' build output. */
final class Repo {
    private Repo() {}

    static Path root() {
        String configured = System.getProperty("gleaner.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("..", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            throw new IllegalStateException("no template.yaml in " + root + " (set -Dgleaner.root)");
        }
        return root;
    }

    static Path template() {
        return root().resolve("template.yaml");
    }

    static Path events() {
        return root().resolve("events");
    }

    /** Every file under events/, as paths relative to the repository root with forward slashes. */
    static List<String> eventFiles() {
        try (Stream<Path> files = Files.walk(events())) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root().relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        try {
            return Files.readString(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
