package dev.gleaner.api.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoint;
import dev.gleaner.api.Endpoints;
import dev.gleaner.aws.errors.AwsFaults;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.snapstart.Priming;
import dev.gleaner.core.task.CollectionTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of every API function: parse the event, call a service, map the result. Client
 * mistakes become 4xx with {@code {"error", "field"}}; a transient AWS fault (throttling, 5xx,
 * network) a 503 with {@code Retry-After}; anything unexpected a plain 500 with the request id,
 * never a stack trace in the response.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** A well-formed task id that no task has: what SnapStart priming reads. */
    public static final String PRIMING_ID = "00000000-0000-4000-8000-000000000000";

    protected final ApiContext ctx;
    private final Endpoint endpoint;
    /** Held here because org.crac holds resources weakly; null off Lambda. */
    @SuppressWarnings("unused")
    private final Priming priming;

    /**
     * @param endpoint the operation this handler serves (one of {@link Endpoints}; the handler
     *     never looks itself up in {@code Routes}, which imports every handler)
     */
    protected ApiHandler(ApiContext ctx, Endpoint endpoint) {
        this.ctx = ctx;
        this.endpoint = endpoint;
        // On Lambda (the no-argument constructors build the context from the environment): run the
        // handler once before the SnapStart snapshot.
        this.priming = ctx.builtFromEnvironment() ? Priming.register(getClass().getSimpleName(), () -> prime()) : null;
    }

    /** The operation this handler serves. */
    public final Endpoint endpoint() {
        return endpoint;
    }

    /**
     * What SnapStart priming runs before the snapshot: this function's own route, end to end, on a
     * request that only reads (ids that no task has), so JSON, the SDK client and our classes are
     * loaded and initialised in the snapshot. Routes that write override it with a request that is
     * parsed and refused (400) before any write, plus a read.
     *
     * @return the answers it got (tests check that none is a 5xx)
     */
    public List<APIGatewayProxyResponseEvent> prime() {
        return List.of(handleRequest(primingRequest(null, null), null));
    }

    /** This route's request as API Gateway sends it, path parameters set to {@link #PRIMING_ID} (a platform: babitalk). */
    protected final APIGatewayProxyRequestEvent primingRequest(Map<String, List<String>> query, String body) {
        return primingRequest(PRIMING_ID, query, body);
    }

    /** The same for the task {@code taskId}. */
    protected final APIGatewayProxyRequestEvent primingRequest(String taskId, Map<String, List<String>> query,
            String body) {
        String path = endpoint.path().replace("{platform}", "babitalk").replaceAll("\\{[a-z_]+}", taskId);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/json"));
        if (body != null) {
            headers.put("Content-Type", List.of("application/json"));
        }
        return GatewayEvents.request(endpoint.method(), path, query == null ? Map.of() : query, headers, body, false,
                Endpoints.match(endpoint.method(), path), "127.0.0.1");
    }

    /**
     * For the priming of routes that read one task: the newest task, if the table has one (one
     * index query, a read). Answering a real item is what loads the SDK's unmarshalling of a found
     * item and the store's mapping of it; a task id that no task has leaves those to the first call.
     */
    protected final Optional<String> newestTaskForPriming() {
        try {
            return ctx.collections().list(null, null, "1", null).tasks().stream().findFirst().map(CollectionTask::id);
        } catch (RuntimeException e) {
            return Optional.empty(); // an empty or unreachable table: prime without it
        }
    }

    @Override
    public final APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        ApiRequest request = new ApiRequest(event == null ? new APIGatewayProxyRequestEvent() : event);
        try (LogContext.Scope scope = LogContext.invocation(context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId(), endpoint.function())) {
            LogContext.put(LogContext.API_REQUEST_ID, request.requestId());
            return respond(request);
        }
    }

    private APIGatewayProxyResponseEvent respond(ApiRequest request) {
        try {
            if (request.method() != null && !endpoint.method().equalsIgnoreCase(request.method())) {
                return ApiResponse.json(405, Map.of("error", "method " + request.method() + " is not allowed here; use "
                        + endpoint.method()), Map.of("Allow", endpoint.method()));
            }
            return handle(request);
        } catch (DomainError e) {
            return ApiResponse.error(ApiResponse.status(e), e.getMessage(), e.field());
        } catch (ApiException e) {
            return ApiResponse.error(e.status(), e.getMessage(), e.field());
        } catch (RuntimeException e) {
            if (AwsFaults.isTransient(e)) {
                // DynamoDB throttled or answered 5xx, or the network failed, through the SDK's own
                // retries: nothing was decided, so the client may simply try again.
                StructuredLog.warn("transient AWS fault in " + getClass().getSimpleName() + "; answered 503", null, e);
                return ApiResponse.json(503, Map.of("error", "the service is busy; try again in a few seconds"),
                        Map.of("Retry-After", "2"));
            }
            // Log the class and message only: our own messages never carry secrets, and the
            // request body (which may) is never logged.
            StructuredLog.error("unhandled error in " + getClass().getSimpleName(), null, e);
            return ApiResponse.json(500, Map.of("error", "internal error; the request id is "
                    + (request.requestId() == null ? "unknown" : request.requestId())));
        }
    }

    protected abstract APIGatewayProxyResponseEvent handle(ApiRequest request);
}
