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
import java.util.List;
import java.util.Optional;

/**
 * Every HTTP route, in one table: each {@link Endpoint} (method, path, function) bound to the
 * handler class that serves it. The local runner serves exactly these, and
 * the template test checks that {@code template.yaml} wires each one to the same handler class.
 * Only the runner, the checks and tests read it: a handler knows its {@link Endpoint}, never this
 * table ({@code EndpointsTest} checks both directions).
 */
public final class Routes {
    public record Route(Endpoint endpoint, Class<?> handler) {
        /** The logical id of the function in template.yaml that runs {@link #handler()}. */
        public String function() {
            return endpoint.function();
        }

        public String method() {
            return endpoint.method();
        }

        public String path() {
            return endpoint.path();
        }

        public List<String> requestHeaders() {
            return endpoint.requestHeaders();
        }

        public List<String> responseHeaders() {
            return endpoint.responseHeaders();
        }
    }

    public static final List<Route> ALL = List.of(
            new Route(Endpoints.START_COLLECTION, StartCollectionHandler.class),
            new Route(Endpoints.GET_TASK, GetTaskHandler.class),
            new Route(Endpoints.CANCEL_TASK, CancelTaskHandler.class),
            new Route(Endpoints.RESUME_TASK, ResumeTaskHandler.class),
            new Route(Endpoints.LIST_TASKS, ListTasksHandler.class),
            new Route(Endpoints.STATUS_SUMMARY, StatusSummaryHandler.class),
            new Route(Endpoints.TASK_ITEMS, TaskItemsHandler.class),
            new Route(Endpoints.RECORDS, RecordsHandler.class),
            new Route(Endpoints.SUBMIT_SCRAPE, SubmitScrapeHandler.class),
            new Route(Endpoints.SCRAPE_STATUS, ScrapeStatusHandler.class),
            new Route(Endpoints.SCRAPE_RESULT, ScrapeResultHandler.class));

    private Routes() {}

    /** The route of an endpoint (every endpoint has exactly one). */
    public static Route of(Endpoint endpoint) {
        return ALL.stream().filter(r -> r.endpoint().equals(endpoint)).findFirst()
                .orElseThrow(() -> new IllegalStateException(endpoint + " is not in the route table"));
    }

    public static Optional<Route> find(String method, String path) {
        return ALL.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst();
    }
}
