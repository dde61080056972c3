package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.cli.ui.Messages;
import dev.gleaner.cli.ui.Table;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.RecordCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes records one by one in an export format (when the API cannot export them itself). */
abstract class RecordWriter {
    final OutputStream out;

    RecordWriter(OutputStream out) {
        this.out = out;
    }

    abstract void write(JsonNode record);

    void finish(long count) {}

    void text(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordWriter of(ExportCommand.Format f, OutputStream out, Messages msg) {
        return switch (f) {
            case ndjson -> new RecordWriter(out) {
                @Override
                void write(JsonNode record) {
                    text(Json.write(record) + "\n");
                }
            };
            case json -> new RecordWriter(out) {
                private boolean first = true;

                @Override
                void write(JsonNode record) {
                    text((first ? "[\n" : ",\n") + Json.write(record));
                    first = false;
                }

                @Override
                void finish(long count) {
                    text(first ? "[]\n" : "\n]\n");
                }
            };
            case csv -> new CsvWriter(out);
            case table -> new TableWriter(out, msg);
        };
    }

    /**
     * CSV exactly as the API's export writes it ({@link RecordCsv}, the one writer: {@code raw}
     * flattened into {@code raw.*} columns). Those columns are the union over all records, so the
     * records are held until {@link #finish} writes them.
     */
    static final class CsvWriter extends RecordWriter {
        private final List<JsonNode> records = new ArrayList<>();

        CsvWriter(OutputStream out) {
            super(out);
        }

        @Override
        void write(JsonNode record) {
            records.add(record);
        }

        @Override
        void finish(long count) {
            text(RecordCsv.write(records));
        }
    }

    /** For people on a terminal: the fields that tell records apart, printed a page at a time. */
    static final class TableWriter extends RecordWriter {
        private final Messages msg;
        private final PrintStream print;
        private Table table;

        TableWriter(OutputStream out, Messages msg) {
            super(out);
            this.msg = msg;
            this.print = new PrintStream(out, true, StandardCharsets.UTF_8);
        }

        @Override
        void write(JsonNode r) {
            if (table == null) {
                table = new Table(msg.get("col.id"), msg.get("col.category"), msg.get("col.created"), msg.get("col.author"),
                        msg.get("col.comments"), msg.get("col.text")).right(4).maxCell(60);
            }
            String text = r.path("title").isTextual() ? r.get("title").asText() : r.path("body").asText("");
            table.row(r.path("kind").asText() + ":" + r.path("source_id").asText(), r.path("category").asText(),
                    TaskText.when(r.get("created_at")), r.path("author").asText(""), r.path("comments").size(), text);
        }

        @Override
        void finish(long count) {
            if (table != null) {
                table.print(print, "");
            }
            print.flush();
        }
    }
}
