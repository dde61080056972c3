package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.api.ApiException;
import dev.gleaner.cli.api.ApiPaths;
import dev.gleaner.cli.ui.Term;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code records} and {@code items}: every page of records, streamed to standard output or a file.
 * CSV and NDJSON come from the API's own export ({@code format=csv|ndjson}) when it has one; an
 * API without it is paged as JSON and written here in the same formats. A file is written under a
 * temporary name and renamed once complete, so a failed export never leaves half a file behind.
 */
abstract class ExportCommand extends ApiCommand {
    enum Format {
        csv("text/csv"), ndjson("application/x-ndjson"), json("application/json"), table(null);

        final String mime;

        Format(String mime) {
            this.mime = mime;
        }
    }

    /** The API's largest page. */
    static final int PAGE = 200;

    @Option(names = "--format", paramLabel = "F",
            description = "csv, ndjson, json or table (default: table on a terminal, else ndjson; --json: json; -o FILE: from its extension).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    /** The first page's path and query, without {@code format}, {@code limit} or {@code next_token}. */
    abstract String path();

    @Override
    public Integer call() {
        Format f = chosenFormat();
        if (f == Format.table && output != null) {
            throw usage("--format table is for the terminal; write a file as csv, ndjson or json");
        }
        String base = path();
        Path part = output == null ? null : output.resolveSibling(output.getFileName() + ".part");
        Progress progress = new Progress(output == null ? null : output.toString());
        try (OutputStream sink = output == null ? new NonClosing(out()) : Files.newOutputStream(part)) {
            long n = -1;
            if (f == Format.csv || f == Format.ndjson) {
                n = serverExport(base, f, sink, progress);
            }
            if (n < 0) {
                n = pageAndWrite(base, f, sink, progress);
            }
            sink.flush();
            if (output != null) {
                sink.close();
                Files.move(part, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            progress.done(n);
            return ExitCode.OK;
        } catch (IOException | UncheckedIOException e) {
            progress.abandon();
            throw new IllegalStateException("cannot write " + (output == null ? "standard output" : output) + ": " + e.getMessage());
        } catch (RuntimeException e) {
            progress.abandon();
            throw e;
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // nothing left to clean
                }
            }
        }
    }

    private Format chosenFormat() {
        if (format != null) {
            return format;
        }
        if (json()) {
            return Format.json;
        }
        if (output != null) {
            String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return Format.csv;
            }
            if (name.endsWith(".json")) {
                return Format.json;
            }
            return Format.ndjson;
        }
        return cli().stdoutIsTerminal() ? Format.table : Format.ndjson;
    }

    /**
     * The API's export, streamed as it arrives.
     *
     * @return records written, or -1 when this API has no export (the caller pages JSON instead)
     */
    private long serverExport(String base, Format f, OutputStream sink, Progress progress) throws IOException {
        String path = base + (base.contains("?") ? "&" : "?") + "format=" + f.name();
        try (ApiClient.Stream s = api().stream(path, Map.of("Accept", f.mime))) {
            String type = s.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (s.status() == 200 && type.startsWith(f.mime)) {
                return copyCounting(s.body(), sink, f == Format.csv, progress);
            }
            String body = new String(s.body().readAllBytes(), StandardCharsets.UTF_8);
            ApiClient.Response r = new ApiClient.Response(s.status(), s.headers(), body);
            if (s.status() == 200 || s.status() == 406) {
                return -1;
            }
            ApiException.Refused refused = ApiClient.refused(r);
            if (s.status() == 400 && "format".equals(refused.field())) {
                return -1;
            }
            throw refused;
        }
    }

    /** Copies bytes, counting lines as records (less the CSV header). */
    private static long copyCounting(InputStream in, OutputStream sink, boolean header, Progress progress) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long lines = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            sink.write(buf, 0, n);
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    lines++;
                }
            }
            progress.at(Math.max(0, header ? lines - 1 : lines));
        }
        return Math.max(0, header ? lines - 1 : lines);
    }

    private long pageAndWrite(String base, Format f, OutputStream sink, Progress progress) {
        RecordWriter writer = RecordWriter.of(f, sink, msg());
        String token = null;
        long n = 0;
        do {
            String path = base + (base.contains("?") ? "&" : "?") + "limit=" + PAGE
                    + (token == null ? "" : "&" + ApiPaths.query("next_token", token));
            JsonNode page = ApiClient.expectOk(api().get(path)).json();
            for (JsonNode record : page.path("items")) {
                writer.write(record);
                n++;
            }
            progress.at(n);
            token = page.path("next_token").isTextual() ? page.get("next_token").asText() : null;
        } while (token != null);
        writer.finish(n);
        return n;
    }

    /** The progress line on standard error: live on a terminal, one closing line for a file otherwise. */
    private final class Progress {
        private final String file;
        private final Term term;
        private long last = -1;
        private long lastDrawnAt;

        Progress(String file) {
            this.file = file;
            this.term = output().quiet ? Term.none() : cli().term().get();
        }

        void at(long n) {
            long now = System.nanoTime();
            if (term.interactive() && n != last && now - lastDrawnAt > 100_000_000L) {
                err().print("\r" + msg().get("export.progress", n));
                err().flush();
                lastDrawnAt = now;
            }
            last = n;
        }

        void done(long n) {
            if (term.interactive() && lastDrawnAt > 0) {
                err().print("\r" + " ".repeat(Math.max(0, term.width())) + "\r");
            }
            if (!output().quiet && (file != null || term.interactive())) {
                err().println(file == null ? msg().get("export.done", n) : msg().get("export.done.file", n, file));
            }
            err().flush();
        }

        void abandon() {
            if (term.interactive() && lastDrawnAt > 0) {
                err().println();
            }
        }
    }

    /** Standard output stays open after the command. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
