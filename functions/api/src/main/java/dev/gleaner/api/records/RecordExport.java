package dev.gleaner.api.records;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.api.http.Negotiation;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.http.ApiException;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordStore.RecordPage;
import dev.gleaner.core.task.CollectionService;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A record listing in the representation the client asked for ({@link Negotiation}): a JSON page
 * ({@code limit}, {@code next_token}), or every record at once as CSV or NDJSON.
 *
 * <p>CSV: UTF-8 with a byte order mark (Excel then shows Korean), CRLF rows, a header row, the
 * record's fields in the contract's order ({@link #COLUMNS}), {@code comments} as a JSON array in
 * one column, then {@code raw} flattened into dotted columns ({@code raw.a.b}, sorted; arrays as
 * JSON). A null is an empty cell, an empty string a quoted {@code ""}.
 *
 * <p>On AWS an answer must fit Lambda's 6 MB response within API Gateway's 29 s: with
 * {@link Env#EXPORT_MAX_BYTES} set, a larger export (or one that takes longer than
 * {@link #TIME_BUDGET} to read) answers 400 saying how to narrow it. Locally there is no limit.
 */
public final class RecordExport {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** Reading stops here on AWS (the functions' timeout is 28 s, API Gateway's 29 s). */
    public static final Duration TIME_BUDGET = Duration.ofSeconds(20);
    public static final List<String> COLUMNS = List.of("platform", "category", "kind", "source_id", "url", "title",
            "body", "author", "created_at", "view_count", "like_count", "comment_count", "rating", "hospital", "doctor",
            "procedure", "price", "comments");
    public static final String RAW_PREFIX = "raw.";
    private static final char BOM = '\uFEFF';
    private static final CsvMapper CSV = new CsvMapper();

    /** One page of a listing, as the store reads it. */
    @FunctionalInterface
    public interface PageReader {
        RecordPage read(int limit, String nextToken);
    }

    private final Long maxBytes;
    private final Clock clock;

    public RecordExport(Long maxBytes, Clock clock) {
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** The limit from {@link Env#EXPORT_MAX_BYTES} (unset: none). */
    public static RecordExport fromEnvironment(Clock clock) {
        Long max = Env.get(Env.EXPORT_MAX_BYTES).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(Env.EXPORT_MAX_BYTES + " must be a number of bytes, not " + v, e);
            }
        }).orElse(null);
        return new RecordExport(max, clock);
    }

    /**
     * @param fileName the download's name without extension (ASCII)
     * @param narrow how to ask for less, for the error when an export is too large
     */
    public APIGatewayProxyResponseEvent answer(ApiRequest request, PageReader pages, String fileName, String narrow) {
        Negotiation.Format format = Negotiation.choose(request.query(Negotiation.FORMAT), request.header("Accept"));
        if (format == Negotiation.Format.JSON) {
            int limit = CollectionService.parseLimit(request.query("limit"), DEFAULT_LIMIT, MAX_LIMIT);
            RecordPage page = pages.read(limit, request.query("next_token"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", page.items());
            body.put("next_token", page.nextToken());
            return ApiResponse.json(200, body);
        }
        for (String pagingOnly : List.of("limit", "next_token")) {
            if (request.query(pagingOnly) != null) {
                throw ApiException.badRequest(pagingOnly, pagingOnly + " pages JSON answers; a " + format.formatName()
                        + " export holds every record in one answer");
            }
        }
        List<CollectedRecord> records = readAll(pages, narrow, format);
        String body = format == Negotiation.Format.CSV ? csv(records) : ndjson(records);
        checkSize(encodedSize(body), narrow, format);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", "attachment; filename=\"" + fileName + "." + format.formatName() + "\"");
        headers.put("X-Record-Count", String.valueOf(records.size()));
        return ApiResponse.text(200, format.mediaType() + "; charset=utf-8", body, headers);
    }

    private List<CollectedRecord> readAll(PageReader pages, String narrow, Negotiation.Format format) {
        Instant deadline = clock.instant().plus(TIME_BUDGET);
        List<CollectedRecord> all = new ArrayList<>();
        long estimate = 0;
        String token = null;
        do {
            RecordPage page = pages.read(MAX_LIMIT, token);
            for (CollectedRecord r : page.items()) {
                all.add(r);
                if (maxBytes != null) {
                    estimate += encodedSize(Json.write(r)) + 2;
                }
            }
            // NDJSON's size is what CSV costs within a small factor: stop reading long before memory matters.
            if (maxBytes != null && (estimate > 2 * maxBytes || clock.instant().isAfter(deadline))) {
                throw tooLarge(narrow, format);
            }
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    private void checkSize(long size, String narrow, Negotiation.Format format) {
        if (maxBytes != null && size > maxBytes) {
            throw tooLarge(narrow, format);
        }
    }

    private ApiException tooLarge(String narrow, Negotiation.Format format) {
        return ApiException.badRequest(Negotiation.FORMAT, "this " + format.formatName() + " export is larger than one "
                + "answer can carry here (" + maxBytes + " bytes within " + TIME_BUDGET.toSeconds() + " s); " + narrow
                + ", or read it as JSON pages with limit and next_token");
    }

    /** Every record as one JSON object per line. */
    public static String ndjson(List<CollectedRecord> records) {
        StringBuilder out = new StringBuilder();
        for (CollectedRecord r : records) {
            out.append(Json.write(r)).append('\n');
        }
        return out.toString();
    }

    /** Every record as CSV (see the class comment for the layout). */
    public static String csv(List<CollectedRecord> records) {
        List<Map<String, String>> rows = new ArrayList<>(records.size());
        TreeSet<String> rawColumns = new TreeSet<>();
        for (CollectedRecord r : records) {
            JsonNode tree = Json.tree(r);
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

    /**
     * The size of a body inside Lambda's JSON response: UTF-8 bytes plus the escapes a JSON string
     * needs (quotes, backslashes, control characters).
     */
    static long encodedSize(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
