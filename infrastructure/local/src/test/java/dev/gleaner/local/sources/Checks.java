package dev.gleaner.local.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.local.LocalRunner;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Assertions on what the contract (shared/spec/async-collection.md) promises. */
final class Checks {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern LOG_LINE = Pattern.compile("\\[\\d{2}:\\d{2}:\\d{2}] .+");
    static final Set<String> TASK_FIELDS = Set.of("id", "type", "status", "progress", "total", "current_step",
            "created_at", "started_at", "completed_at", "error", "result_summary", "logs", "request");
    static final Set<String> RECORD_FIELDS = Set.of("platform", "category", "kind", "source_id", "url", "title", "body",
            "author", "created_at", "view_count", "like_count", "comment_count", "rating", "hospital", "doctor",
            "procedure", "price", "comments", "raw");

    private Checks() {}

    /** progress never goes down, never passes total; a completed task has both equal. */
    static void progressIsSane(List<JsonNode> states) {
        int previous = 0;
        for (JsonNode s : states) {
            assertEquals(TASK_FIELDS, fieldNames(s), "the task's fields");
            int progress = s.get("progress").asInt();
            assertTrue(progress >= previous, "progress went down from " + previous + " in " + s);
            assertTrue(progress <= s.get("total").asInt(), "progress > total in " + s);
            assertTrue(s.get("current_step").isTextual());
            previous = progress;
        }
        JsonNode last = states.get(states.size() - 1);
        if (last.get("status").asText().equals("completed")) {
            assertEquals(last.get("progress").asInt(), last.get("total").asInt(), "equal on completion");
        }
        assertTrue(TIMESTAMP.matcher(last.get("created_at").asText()).matches(), last.toString());
        assertTrue(TIMESTAMP.matcher(last.get("completed_at").asText()).matches(), last.toString());
    }

    static boolean sawRunning(List<JsonNode> states) {
        return states.stream().anyMatch(s -> s.get("status").asText().equals("running"));
    }

    /** Every log line is {@code [HH:MM:SS] message}; each expected text appears in some line. */
    static void logsContain(JsonNode task, String... expected) {
        List<String> lines = new ArrayList<>();
        task.get("logs").forEach(l -> lines.add(l.asText()));
        assertTrue(lines.size() <= 100, "the newest 100 kept");
        for (String line : lines) {
            assertTrue(LOG_LINE.matcher(line).matches(), "log line shape: " + line);
        }
        for (String e : expected) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(e)), "no log line contains '" + e + "': " + lines);
        }
    }

    /**
     * result_summary is {@code {"categories": {name: {collected, new, pages, error}}, "totals":
     * {collected, new, comments, reviews}}} with the given per-category {collected, new, pages}.
     */
    static void summaryIs(JsonNode task, Map<String, int[]> categories, int collected, int fresh, int comments, int reviews) {
        JsonNode summary = task.get("result_summary");
        assertEquals(Set.of("categories", "totals"), fieldNames(summary), summary.toString());
        assertEquals(new TreeSet<>(categories.keySet()), fieldNames(summary.get("categories")), summary.toString());
        categories.forEach((name, c) -> {
            JsonNode s = summary.get("categories").get(name);
            assertEquals(Set.of("collected", "new", "pages", "error"), fieldNames(s), name + ": " + s);
            assertEquals(c[0], s.get("collected").asInt(), name + " collected: " + s);
            assertEquals(c[1], s.get("new").asInt(), name + " new: " + s);
            assertEquals(c[2], s.get("pages").asInt(), name + " pages: " + s);
            assertTrue(s.get("error").isNull(), name + " error: " + s);
        });
        JsonNode totals = summary.get("totals");
        assertEquals(Set.of("collected", "new", "comments", "reviews"), fieldNames(totals));
        assertEquals(collected, totals.get("collected").asInt(), "totals.collected " + totals);
        assertEquals(fresh, totals.get("new").asInt(), "totals.new " + totals);
        assertEquals(comments, totals.get("comments").asInt(), "totals.comments " + totals);
        assertEquals(reviews, totals.get("reviews").asInt(), "totals.reviews " + totals);
    }

    /** One record in the contract's shape: exactly its fields, the platform's id, a UTC timestamp. */
    static void recordShape(JsonNode r, String platform) {
        assertEquals(RECORD_FIELDS, fieldNames(r), r.toString());
        assertEquals(platform, r.get("platform").asText());
        assertTrue(List.of("post", "review").contains(r.get("kind").asText()), r.toString());
        assertNotNull(r.get("source_id").textValue(), r.toString());
        // absent values are null (reviews from Gangnam Unni's reviews API have no public page)
        assertTrue(r.get("url").isNull() || r.get("url").asText().startsWith("https://"), r.toString());
        assertTrue(TIMESTAMP.matcher(r.get("created_at").asText()).matches(), r.toString());
        assertTrue(r.get("comments").isArray());
        for (JsonNode c : r.get("comments")) {
            assertEquals(Set.of("source_id", "author", "body", "created_at"), fieldNames(c), c.toString());
        }
    }

    static Set<String> ids(List<JsonNode> records) {
        Set<String> ids = new TreeSet<>();
        records.forEach(r -> ids.add(r.get("kind").asText() + ":" + r.get("source_id").asText()));
        return ids;
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    /** Every item of the runner's records table (a scan: tests only). */
    static List<Map<String, AttributeValue>> recordsTable(LocalRunner runner) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        runner.dynamo().client().scanPaginator(ScanRequest.builder().tableName(LocalRunner.RECORDS_TABLE).build())
                .items().forEach(items::add);
        return items;
    }

    /** Stored records (not the per-task page links) of one platform. */
    static long storedRecords(LocalRunner runner, String platform) {
        return recordsTable(runner).stream().filter(i -> i.containsKey("sk") && i.get("sk").s().equals("record"))
                .filter(i -> i.containsKey("platform") && platform.equals(i.get("platform").s())).count();
    }
}
