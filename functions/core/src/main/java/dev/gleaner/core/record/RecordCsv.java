package dev.gleaner.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.gleaner.core.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one CSV layout for records, written by the API's export and by the command line when it
 * pages JSON itself: UTF-8 with a byte order mark (Excel then shows Korean), CRLF rows, a header
 * row, the record's fields in the contract's order ({@link #COLUMNS}), {@code comments} as a JSON
 * array in one column, then {@code raw} flattened into dotted columns ({@code raw.a.b}, sorted;
 * arrays as JSON). A null is an empty cell, an empty string a quoted {@code ""}. The raw columns
 * are the union over all records, so every record is read before the first row is written.
 */
public final class RecordCsv {
    public static final List<String> COLUMNS = List.of("platform", "category", "kind", "source_id", "url", "title",
            "body", "author", "created_at", "view_count", "like_count", "comment_count", "rating", "hospital", "doctor",
            "procedure", "price", "comments");
    public static final String RAW_PREFIX = "raw.";
    private static final char BOM = '\uFEFF';
    private static final CsvMapper CSV = new CsvMapper();

    private RecordCsv() {}

    /** Records as their JSON trees (a {@link CollectedRecord} through {@link Json#tree}, or the API's items). */
    public static String write(List<? extends JsonNode> records) {
        List<Map<String, String>> rows = new ArrayList<>(records.size());
        TreeSet<String> rawColumns = new TreeSet<>();
        for (JsonNode tree : records) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : COLUMNS) {
                row.put(c, cell(tree.get(c)));
            }
            flatten(RAW_PREFIX.substring(0, RAW_PREFIX.length() - 1), tree.get("raw"), row, rawColumns, true);
            rows.add(row);
        }
        List<String> columns = new ArrayList<>(COLUMNS);
        columns.addAll(rawColumns);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns.forEach(schema::addColumn);
        StringWriter out = new StringWriter();
        out.write(BOM);
        try (SequenceWriter w = CSV.writer(schema.build()).with(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS)
                .writeValues(out)) {
            for (Map<String, String> row : rows) {
                Object[] values = new Object[columns.size()];
                Iterator<String> names = columns.iterator();
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.get(names.next());
                }
                w.write(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void flatten(String name, JsonNode node, Map<String, String> row, TreeSet<String> columns,
            boolean top) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject() && (node.size() > 0 || top)) {
            node.fields().forEachRemaining(f -> flatten(name + "." + f.getKey(), f.getValue(), row, columns, false));
            return;
        }
        columns.add(name);
        row.put(name, cell(node));
    }

    /** Text as itself, null as an empty cell, anything else as its JSON. */
    private static String cell(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isTextual() ? v.asText() : Json.write(v);
    }
}
