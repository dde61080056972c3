package dev.gleaner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.records.RecordExport;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordComment;
import dev.gleaner.core.record.RecordStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * CSV and NDJSON exports of {@code /task/{id}/items} and {@code /records}: 10,000 records out and
 * read back exactly, content negotiation, and the limits that keep an answer inside Lambda's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiTest {
    private static final String BASE = Endpoints.COLLECTIONS;
    private static final String BOARD = "자유게시판";
    private static final int COUNT = 10_000;
    private final TestApi t = new TestApi();
    private final List<CollectedRecord> saved = new ArrayList<>();
    private String taskId;
    /** A task with five records, for the negotiation and error cases (no need to export 10,000 each time). */
    private String smallTask;

    /** Records that stress CSV: Korean, commas, quotes, new lines, empty strings, nulls, nested raw, comments. */
    private static CollectedRecord record(int i) {
        ObjectNode raw = Json.object();
        raw.putObject("source").put("board", "게시판 \"" + (i % 5) + "\"").put("menu", "m," + (i % 3));
        raw.putArray("tags").add("태그" + i).add("a\nb");
        if (i % 4 == 0) {
            raw.put("note", "");
        }
        List<RecordComment> comments = i % 3 == 0 ? List.of()
                : List.of(new RecordComment("c" + i, "댓글러", "좋아요, \"정말\"\n두 줄", "2025-01-01T03:00:0" + (i % 10) + "Z"));
        return new CollectedRecord("naver", BOARD, CollectedRecord.KIND_POST, "10912875", Integer.toString(100000 + i),
                "https://cafe.naver.com/10912875/" + i, i % 7 == 0 ? null : "제목, \"" + i + "\"",
                i % 11 == 0 ? "" : "본문 " + i + "\r\n둘째 줄; 쉼표, 따옴표 \"", "닉네임" + (i % 13),
                "2025-01-01T0" + (i % 10) + ":00:00Z", (long) i, i % 2 == 0 ? null : 3L, comments.size(),
                i % 5 == 0 ? 4.5 : null, null, null, null, i % 9 == 0 ? 1200000L : null, comments, raw);
    }

    @BeforeAll
    void store10000Records() {
        taskId = t.call("POST", BASE + "/naver/start", "{\"cafe_id\": \"10912875\"}").json().get("task_id").asText();
        for (int page = 0; page < COUNT / 100; page++) {
            List<CollectedRecord> records = new ArrayList<>();
            for (int i = page * 100; i < (page + 1) * 100; i++) {
                records.add(record(i));
            }
            t.records.save(taskId, "38", page, records);
            saved.addAll(records);
        }
        smallTask = t.call("POST", BASE + "/naver/start", "{\"cafe_id\": \"10912875\"}").json().get("task_id").asText();
        List<CollectedRecord> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CollectedRecord r = record(COUNT + i);
            five.add(new CollectedRecord(r.platform(), "질문게시판", r.kind(), r.scope(), r.sourceId(), r.url(), r.title(),
                    r.body(), r.author(), r.createdAt(), r.viewCount(), r.likeCount(), r.commentCount(), r.rating(),
                    r.hospital(), r.doctor(), r.procedure(), r.price(), r.comments(), r.raw()));
        }
        t.records.save(smallTask, "39", 0, five);
    }

    /** Compares record by record, so that a failure names the first difference instead of printing 10,000. */
    private static void assertSameRecords(List<JsonNode> want, List<JsonNode> got) {
        assertEquals(want.size(), got.size(), "record count");
        for (int i = 0; i < want.size(); i++) {
            // fields in any order; numbers by value (a parsed 4.5 is a BigDecimal node, a converted one a double)
            int index = i;
            assertTrue(want.get(i).equals(SAME_NUMBER, got.get(i)),
                    () -> "record " + index + ": expected " + want.get(index) + " but was " + got.get(index));
        }
    }

    private TestApi.Response get(String path, Map<String, List<String>> query, String accept) {
        return t.call("GET", path, null, query, accept == null ? Map.of() : Map.of("Accept", List.of(accept)));
    }

    private static final Comparator<JsonNode> SAME_NUMBER = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private static List<JsonNode> expected(List<CollectedRecord> records) {
        return records.stream().map(r -> (JsonNode) Json.tree(r)).toList();
    }

    @Test
    void tenThousandItemsAsCsvReadBackExactly() throws Exception {
        TestApi.Response r = get(BASE + "/task/" + taskId + "/items", Map.of("format", List.of("csv")), null);
        assertEquals(200, r.status(), () -> r.body().substring(0, Math.min(500, r.body().length())));
        assertEquals("text/csv; charset=utf-8", r.header("Content-Type"));
        assertEquals("attachment; filename=\"task-" + taskId + "-items.csv\"", r.header("Content-Disposition"));
        assertEquals(String.valueOf(COUNT), r.header("X-Record-Count"));
        assertSameRecords(expected(saved), readCsv(r.body())); // the task's records, in collection order
    }

    @Test
    void tenThousandItemsAsNdjsonReadBackExactly() throws Exception {
        TestApi.Response r = get(BASE + "/task/" + taskId + "/items", Map.of(), "application/x-ndjson");
        assertEquals(200, r.status());
        assertEquals("application/x-ndjson; charset=utf-8", r.header("Content-Type"));
        assertSameRecords(expected(saved), readNdjson(r.body()));
    }

    @Test
    void recordsExportEveryPage() throws Exception {
        Map<String, List<String>> q = Map.of("platform", List.of("naver"), "category", List.of(BOARD));
        List<JsonNode> want = new ArrayList<>(expected(saved));
        Comparator<JsonNode> byId = Comparator.comparing(n -> n.get("source_id").asText());
        want.sort(byId);

        TestApi.Response csv = get(BASE + "/records", q, "text/csv");
        assertEquals(200, csv.status());
        assertEquals("attachment; filename=\"records-naver.csv\"", csv.header("Content-Disposition"));
        List<JsonNode> fromCsv = new ArrayList<>(readCsv(csv.body()));
        fromCsv.sort(byId);
        assertSameRecords(want, fromCsv);

        // NDJSON of /records on the five-record board (the 10,000 go through NDJSON on /items above)
        List<JsonNode> small = readNdjson(get(BASE + "/records", Map.of("platform", List.of("naver"),
                "category", List.of("질문게시판"), "format", List.of("ndjson")), null).body());
        assertEquals(List.of("110004", "110003", "110002", "110001", "110000"),
                small.stream().map(n -> n.get("source_id").asText()).toList(), "newest first, as the JSON pages");
    }

    @Test
    void csvHasABomAStableHeaderAndNullsApartFromEmptyStrings() throws Exception {
        String csv = get(BASE + "/task/" + smallTask + "/items", Map.of("format", List.of("csv")), null).body();
        assertTrue(csv.startsWith("\uFEFF"), "a UTF-8 byte order mark, for Excel");
        String header = csv.substring(1, csv.indexOf("\r\n"));
        assertEquals(String.join(",", RecordExport.COLUMNS) + ",raw.note,raw.source.board,raw.source.menu,raw.tags", header);
        List<Map<String, String>> rows = csvRows(csv);
        assertEquals(5, rows.size());
        Map<String, String> first = rows.get(0); // record 10000
        assertEquals("10000", first.get("view_count"));
        assertEquals(null, first.get("like_count"), "null: an empty cell");
        assertEquals("", first.get("raw.note"), "an empty string: a quoted empty cell");
        assertEquals("4.5", first.get("rating"));
        assertEquals("게시판 \"0\"", first.get("raw.source.board"), "nested raw fields flattened with dotted names");
        assertEquals("[\"태그10000\",\"a\\nb\"]", first.get("raw.tags"), "arrays as JSON");
        assertEquals("[]", rows.get(2).get("comments"), "no comments: an empty JSON array");
        assertEquals(null, rows.get(3).get("title"));
        assertTrue(Json.parse(first.get("comments")).get(0).get("body").asText().contains("\n두 줄"));
    }

    private static List<Map<String, String>> csvRows(String body) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.EMPTY_UNQUOTED_STRING_AS_NULL);
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body.substring(1))) {
            return it.readAll();
        }
    }

    @Test
    void negotiationFollowsAcceptAndFormat() {
        String items = BASE + "/task/" + smallTask + "/items";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("text/csv;q=0.5, application/x-ndjson", "application/x-ndjson; charset=utf-8");
        cases.put("text/*", "text/csv; charset=utf-8");
        cases.put("*/*", "application/json; charset=utf-8");
        cases.put("application/json;q=0, */*;q=0.1", "text/csv; charset=utf-8");
        cases.put("TEXT/CSV; charset=utf-8", "text/csv; charset=utf-8");
        cases.put("application/*;q=0.2, text/csv;q=0.1", "application/json; charset=utf-8");
        cases.forEach((accept, type) -> {
            TestApi.Response r = get(items, Map.of(), accept);
            assertEquals(200, r.status(), accept + " -> " + r);
            assertEquals(type, r.header("Content-Type"), accept);
        });
        assertEquals(3, get(items, Map.of("limit", List.of("3")), "application/json").json().get("items").size());
        assertEquals(5, readNdjsonUnchecked(get(items, Map.of("format", List.of("NDJSON")), "text/csv").body()).size(),
                "format wins over Accept");
        assertEquals("application/x-ndjson; charset=utf-8",
                get(items, Map.of("format", List.of("ndjson")), "text/csv").header("Content-Type"));
    }

    @Test
    void badFormatsAndUnsatisfiableAcceptAreClearErrors() {
        String items = BASE + "/task/" + smallTask + "/items";
        TestApi.Response unknown = get(items, Map.of("format", List.of("xlsx")), null);
        assertEquals(400, unknown.status());
        assertEquals("format", unknown.json().get("field").asText());
        assertTrue(unknown.json().get("error").asText().contains("json, csv, ndjson"), unknown.toString());

        TestApi.Response no = get(items, Map.of(), "application/xml, text/html;q=0.9");
        assertEquals(406, no.status());
        assertEquals("application/json; charset=utf-8", no.header("Content-Type"));
        assertTrue(no.json().get("error").asText().contains("application/json, text/csv, application/x-ndjson"), no.toString());
        assertEquals(406, get(items, Map.of(), "text/csv;q=0, application/json;q=0, application/x-ndjson;q=0").status());

        TestApi.Response paged = get(items, Map.of("format", List.of("csv"), "limit", List.of("10")), null);
        assertEquals(400, paged.status());
        assertEquals("limit", paged.json().get("field").asText());
        assertEquals("next_token", get(BASE + "/records", Map.of("platform", List.of("naver"), "category", List.of("질문게시판"),
                "next_token", List.of("x")), "text/csv").json().get("field").asText());
        assertEquals(404, get(BASE + "/task/" + UUID.randomUUID() + "/items", Map.of(), "text/csv").status());
    }

    @Test
    void anExportLargerThanTheLimitSaysHowToNarrowIt() {
        RecordStore.RecordPage all = new RecordStore.RecordPage(saved.subList(0, 50), null);
        RecordExport small = new RecordExport(10_000L, t.clock);
        DomainError e = assertThrowsApi(() -> small.answer(request("csv"), (limit, token) -> all, "x", "narrow it to one day"));
        assertEquals(400, ApiResponse.status(e));
        assertEquals("format", e.field());
        assertTrue(e.getMessage().contains("narrow it to one day") && e.getMessage().contains("next_token"), e.getMessage());
        assertEquals(200, new RecordExport(1_000_000L, t.clock).answer(request("csv"), (limit, token) -> all, "x", "n")
                .getStatusCode());
        assertEquals(200, new RecordExport(null, t.clock).answer(request("ndjson"), (limit, token) -> all, "x", "n")
                .getStatusCode(), "no limit locally");
    }

    @Test
    void anExportThatReadsForTooLongStopsWithTheSameAdvice() {
        RecordExport export = new RecordExport(5_000_000L, t.clock);
        DomainError e = assertThrowsApi(() -> export.answer(request("ndjson"), (limit, token) -> {
            t.clock.advance(Duration.ofSeconds(8));
            return new RecordStore.RecordPage(saved.subList(0, 10), "more");
        }, "x", "narrow it"));
        assertEquals(400, ApiResponse.status(e));
        assertTrue(e.getMessage().contains("20 s"), e.getMessage());
    }

    @Test
    void encodedSizeCountsWhatLambdasJsonResponseCarries() {
        // a, \", b, \\, c, \n: 9 bytes; 한: 3 bytes of UTF-8; U+1F600: 4 bytes; a control character: \\u0001
        assertEquals(9 + 3 + 4 + 6, sizeOf("a\"b\\c\n한\uD83D\uDE00\u0001"));
    }

    private static long sizeOf(String s) {
        try {
            var m = RecordExport.class.getDeclaredMethod("encodedSize", String.class);
            m.setAccessible(true);
            return (long) m.invoke(null, s);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static ApiRequest request(String format) {
        return new ApiRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withQueryStringParameters(Map.of("format", format)));
    }

    private static DomainError assertThrowsApi(Executable e) {
        return assertThrows(DomainError.class, e);
    }

    /** Rebuilds records from the CSV: typed fields, comments from JSON, raw from its dotted columns. */
    private static List<JsonNode> readCsv(String body) throws Exception {
        assertTrue(body.startsWith("\uFEFF"));
        List<JsonNode> out = new ArrayList<>();
        {
            for (Map<String, String> row : csvRows(body)) {
                ObjectNode rec = Json.object();
                ObjectNode raw = Json.object();
                row.forEach((column, value) -> {
                    if (column.startsWith(RecordExport.RAW_PREFIX)) {
                        if (value != null) {
                            ObjectNode at = raw;
                            String[] path = column.substring(RecordExport.RAW_PREFIX.length()).split("\\.");
                            for (int i = 0; i < path.length - 1; i++) {
                                at = at.has(path[i]) ? (ObjectNode) at.get(path[i]) : at.putObject(path[i]);
                            }
                            at.set(path[path.length - 1], value.startsWith("[") ? parse(value) : Json.MAPPER.getNodeFactory().textNode(value));
                        }
                    } else if (column.equals("comments")) {
                        rec.set(column, parse(value));
                    } else {
                        rec.put(column, value);
                    }
                });
                rec.set("raw", raw);
                // typed the way the record declares its fields (view_count a number, rating a decimal...)
                out.add(Json.tree(Json.convert(rec, CollectedRecord.class)));
            }
        }
        return out;
    }

    private static List<JsonNode> readNdjson(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            assertNotNull(line);
            out.add(Json.parse(line));
        }
        assertTrue(body.endsWith("\n"));
        return out;
    }

    private static List<JsonNode> readNdjsonUnchecked(String body) {
        try {
            return readNdjson(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
