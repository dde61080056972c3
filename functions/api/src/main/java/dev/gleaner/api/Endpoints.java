package dev.gleaner.api;

import dev.gleaner.core.idempotency.IdempotencyKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every API operation's method, path and headers, and how a concrete request path matches them.
 * It imports no handler: handlers name their endpoint from here, and {@link Routes} binds each
 * endpoint to its handler class and function (the one table the local runner and the template
 * checks read). Keep it that way: a handler or {@code api.http} class that imported {@code Routes}
 * would bring back the cycle between the table and the handlers.
 */
public final class Endpoints {
    public static final String COLLECTIONS = "/api/v1/async-collection";

    /** A start or a scrape sent with this header is answered once per key (the first task again later). */
    public static final String IDEMPOTENCY_KEY = IdempotencyKey.HEADER;
    /** {@code true} on an answer that repeats a first one for the same {@link #IDEMPOTENCY_KEY}. */
    public static final String IDEMPOTENT_REPLAYED = IdempotencyKey.REPLAYED_HEADER;

    public static final Endpoint START_COLLECTION = new Endpoint("POST", COLLECTIONS + "/{platform}/start",
            "StartCollectionFunction", List.of(IDEMPOTENCY_KEY), List.of("Location", IDEMPOTENT_REPLAYED));
    public static final Endpoint GET_TASK = new Endpoint("GET", COLLECTIONS + "/task/{task_id}", "GetTaskFunction");
    public static final Endpoint CANCEL_TASK = new Endpoint("DELETE", COLLECTIONS + "/task/{task_id}",
            "CancelTaskFunction");
    public static final Endpoint RESUME_TASK = new Endpoint("POST", COLLECTIONS + "/task/{task_id}/resume",
            "ResumeTaskFunction", List.of(), List.of("Location"));
    public static final Endpoint LIST_TASKS = new Endpoint("GET", COLLECTIONS + "/tasks", "ListTasksFunction");
    public static final Endpoint STATUS_SUMMARY = new Endpoint("GET", COLLECTIONS + "/status/summary",
            "StatusSummaryFunction");
    public static final Endpoint TASK_ITEMS = new Endpoint("GET", COLLECTIONS + "/task/{task_id}/items",
            "TaskItemsFunction");
    public static final Endpoint RECORDS = new Endpoint("GET", COLLECTIONS + "/records", "RecordsFunction");
    public static final Endpoint SUBMIT_SCRAPE = new Endpoint("POST", "/scrape", "ScrapeSubmitFunction",
            List.of(IDEMPOTENCY_KEY), List.of("Location", IDEMPOTENT_REPLAYED));
    public static final Endpoint SCRAPE_STATUS = new Endpoint("GET", "/tasks/{task_id}", "ScrapeStatusFunction");
    public static final Endpoint SCRAPE_RESULT = new Endpoint("GET", "/tasks/{task_id}/result", "ScrapeResultFunction");

    public static final List<Endpoint> ALL = List.of(START_COLLECTION, GET_TASK, CANCEL_TASK, RESUME_TASK, LIST_TASKS,
            STATUS_SUMMARY, TASK_ITEMS, RECORDS, SUBMIT_SCRAPE, SCRAPE_STATUS, SCRAPE_RESULT);

    private Endpoints() {}

    /** The outcome of matching a concrete request path: an endpoint with its parameters, or why not. */
    public record Match(Endpoint endpoint, Map<String, String> pathParameters, List<String> allowedMethods) {
        public boolean found() {
            return endpoint != null;
        }
    }

    /**
     * Matches a request as API Gateway would: literal segments before parameters, so
     * {@code /tasks} never reads as a task id. No endpoint: empty allowed list (404); a path that
     * exists with other methods: those methods (405).
     */
    public static Match match(String method, String requestPath) {
        String[] actual = split(requestPath);
        List<String> allowed = new ArrayList<>();
        Endpoint best = null;
        Map<String, String> bestParams = null;
        int bestLiterals = -1;
        for (Endpoint e : ALL) {
            String[] template = split(e.path());
            if (template.length != actual.length) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            int literals = 0;
            boolean ok = true;
            for (int i = 0; i < template.length && ok; i++) {
                String t = template[i];
                if (t.startsWith("{") && t.endsWith("}")) {
                    params.put(t.substring(1, t.length() - 1), decode(actual[i]));
                } else if (t.equals(actual[i])) {
                    literals++;
                } else {
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            if (!e.method().equals(method)) {
                allowed.add(e.method());
                continue;
            }
            if (literals > bestLiterals) {
                best = e;
                bestParams = params;
                bestLiterals = literals;
            }
        }
        return best != null ? new Match(best, bestParams, List.of(best.method())) : new Match(null, Map.of(), allowed);
    }

    /** Percent-decodes a path segment; a malformed escape is kept as written (the handler then rejects it). */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
