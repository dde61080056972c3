package dev.gleaner.api;

import dev.gleaner.api.collections.CancelTaskHandler;
import dev.gleaner.api.collections.GetTaskHandler;
import dev.gleaner.api.collections.ListTasksHandler;
import dev.gleaner.api.collections.ResumeTaskHandler;
import dev.gleaner.api.collections.StartCollectionHandler;
import dev.gleaner.api.collections.StatusSummaryHandler;
import dev.gleaner.api.records.RecordsHandler;
import dev.gleaner.api.records.TaskItemsHandler;
import dev.gleaner.api.scrape.ScrapeResultHandler;
import dev.gleaner.api.scrape.ScrapeStatusHandler;
import dev.gleaner.api.scrape.SubmitScrapeHandler;
import dev.gleaner.core.idempotency.IdempotencyKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every HTTP route, in one table: the local runner serves exactly these, and the template test
 * checks that {@code template.yaml} wires each one to the same handler class.
 */
public final class Routes {
    public static final String COLLECTIONS = "/api/v1/async-collection";

    /**
     * @param method the HTTP method
     * @param path the API Gateway resource path, with {@code {name}} parameters
     * @param handler the Lambda handler class
     * @param function the logical id of the function in template.yaml
     * @param requestHeaders headers the route reads besides the usual ones (Content-Type, x-api-key)
     * @param responseHeaders headers it may answer with besides Content-Type
     */
    public record Route(String method, String path, Class<?> handler, String function, List<String> requestHeaders,
            List<String> responseHeaders) {
        public Route {
            requestHeaders = List.copyOf(requestHeaders);
            responseHeaders = List.copyOf(responseHeaders);
        }

        public Route(String method, String path, Class<?> handler, String function) {
            this(method, path, handler, function, List.of(), List.of());
        }
    }

    /** A start or a scrape sent with this header is answered once per key (the first task again later). */
    public static final String IDEMPOTENCY_KEY = IdempotencyKey.HEADER;
    /** {@code true} on an answer that repeats a first one for the same {@link #IDEMPOTENCY_KEY}. */
    public static final String IDEMPOTENT_REPLAYED = IdempotencyKey.REPLAYED_HEADER;

    public static final List<Route> ALL = List.of(
            new Route("POST", COLLECTIONS + "/{platform}/start", StartCollectionHandler.class, "StartCollectionFunction",
                    List.of(IDEMPOTENCY_KEY), List.of("Location", IDEMPOTENT_REPLAYED)),
            new Route("GET", COLLECTIONS + "/task/{task_id}", GetTaskHandler.class, "GetTaskFunction"),
            new Route("DELETE", COLLECTIONS + "/task/{task_id}", CancelTaskHandler.class, "CancelTaskFunction"),
            new Route("POST", COLLECTIONS + "/task/{task_id}/resume", ResumeTaskHandler.class, "ResumeTaskFunction",
                    List.of(), List.of("Location")),
            new Route("GET", COLLECTIONS + "/tasks", ListTasksHandler.class, "ListTasksFunction"),
            new Route("GET", COLLECTIONS + "/status/summary", StatusSummaryHandler.class, "StatusSummaryFunction"),
            new Route("GET", COLLECTIONS + "/task/{task_id}/items", TaskItemsHandler.class, "TaskItemsFunction"),
            new Route("GET", COLLECTIONS + "/records", RecordsHandler.class, "RecordsFunction"),
            new Route("POST", "/scrape", SubmitScrapeHandler.class, "ScrapeSubmitFunction",
                    List.of(IDEMPOTENCY_KEY), List.of("Location", IDEMPOTENT_REPLAYED)),
            new Route("GET", "/tasks/{task_id}", ScrapeStatusHandler.class, "ScrapeStatusFunction"),
            new Route("GET", "/tasks/{task_id}/result", ScrapeResultHandler.class, "ScrapeResultFunction"));

    private Routes() {}

    public static Route forHandler(Class<?> handler) {
        return ALL.stream().filter(r -> r.handler().equals(handler)).findFirst()
                .orElseThrow(() -> new IllegalStateException(handler.getName() + " is not in the route table"));
    }

    public static Optional<Route> find(String method, String path) {
        return ALL.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst();
    }

    /** The outcome of matching a concrete request path: a route with its parameters, or why not. */
    public record Match(Route route, Map<String, String> pathParameters, List<String> allowedMethods) {
        public boolean found() {
            return route != null;
        }
    }

    /**
     * Matches a request as API Gateway would: literal segments before parameters, so
     * {@code /tasks} never reads as a task id. No route: empty allowed list (404); a path that
     * exists with other methods: those methods (405).
     */
    public static Match match(String method, String requestPath) {
        String[] actual = split(requestPath);
        List<String> allowed = new ArrayList<>();
        Route best = null;
        Map<String, String> bestParams = null;
        int bestLiterals = -1;
        for (Route r : ALL) {
            String[] template = split(r.path());
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
            if (!r.method().equals(method)) {
                allowed.add(r.method());
                continue;
            }
            if (literals > bestLiterals) {
                best = r;
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
