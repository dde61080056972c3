package dev.gleaner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code bench/results/<name>.md}: the latest run replaces the previous one (git keeps history). */
final class Results {
    private Results() {}

    /** bench/results from the repository root, results/ from inside bench/, or -Dgleaner.bench.results. */
    static Path directory() {
        String configured = System.getProperty("gleaner.bench.results");
        if (configured != null) {
            return Path.of(configured);
        }
        return Files.isDirectory(Path.of("bench")) ? Path.of("bench", "results") : Path.of("results");
    }

    static Path write(String name, String title, String command, String body) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("Command (from the repository root):\n\n```bash\n").append(command).append("\n```\n\n");
        md.append("## Machine\n\n").append(Machine.describe()).append('\n');
        md.append(body.strip()).append('\n');
        try {
            Path dir = directory();
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".md");
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results file", e);
        }
    }
}
