package dev.gleaner.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one category of a task stands, kept in the task item between invocations: the
 * collector's cursor and the counts that become {@code result_summary}; {@code batches} counts the
 * CollectBatch calls that made progress (the log lines' {@code batch} number).
 */
public record CategoryState(String key, String name, String status, JsonNode cursor, int collected, int fresh,
        int pages, int comments, int reviews, String error, int batches) {

    /** A state with no batch count (a category that has not collected yet, or that failed). */
    public CategoryState(String key, String name, String status, JsonNode cursor, int collected, int fresh,
            int pages, int comments, int reviews, String error) {
        this(key, name, status, cursor, collected, fresh, pages, comments, reviews, error, 0);
    }

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public static CategoryState start(String key, String name) {
        return new CategoryState(key, name, PENDING, null, 0, 0, 0, 0, 0, null);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("name", name);
        m.put("status", status);
        m.put("cursor", cursor);
        m.put("collected", collected);
        m.put("new", fresh);
        m.put("pages", pages);
        m.put("comments", comments);
        m.put("reviews", reviews);
        m.put("error", error);
        m.put("batches", batches);
        return m;
    }

    public static CategoryState fromMap(String key, Map<String, Object> m) {
        if (m == null || m.isEmpty()) {
            return start(key, key);
        }
        JsonNode n = Json.tree(m);
        JsonNode cursor = n.get("cursor");
        return new CategoryState(n.path("key").asText(key), n.path("name").asText(key), n.path("status").asText(PENDING),
                cursor == null || cursor.isNull() ? null : cursor, n.path("collected").asInt(), n.path("new").asInt(),
                n.path("pages").asInt(), n.path("comments").asInt(), n.path("reviews").asInt(),
                n.hasNonNull("error") ? n.get("error").asText() : null, n.path("batches").asInt());
    }

    public boolean isDone() {
        return DONE.equals(status);
    }

    /**
     * Taken up again by a new run (resume, restart): a failed category is retried from where it
     * stopped (its cursor), an unfinished one continues; a done category stays done. Pages stored
     * after the last saved cursor are fetched again and counted once (the record store's
     * {@code first_seen} tells this category's own unsaved pages from records stored before).
     */
    public CategoryState resumed() {
        if (isDone()) {
            return this;
        }
        return new CategoryState(key, name, RUNNING, cursor, collected, fresh, pages, comments, reviews, null, batches);
    }
}
