package dev.gleaner.local.http;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoint;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.Routes;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.api.http.GatewayEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays API Gateway's part in one JVM: matches a request against {@link Endpoints}, answers 404
 * and 405 itself, builds the proxy event and calls the handler {@link Routes} binds to the
 * endpoint, one instance per route built once (as Lambda keeps one per container). Only the local
 * runner needs it, so it lives here and not in the Lambda jar.
 */
public final class ApiDispatcher {
    /** What a handler is built from: the route's handler class and the shared context. */
    @FunctionalInterface
    public interface HandlerFactory {
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> create(Routes.Route route);
    }

    private final Map<Endpoint, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> handlers =
            new LinkedHashMap<>();

    public ApiDispatcher(HandlerFactory factory) {
        for (Routes.Route r : Routes.ALL) {
            handlers.put(r.endpoint(), factory.create(r));
        }
    }

    /** Builds every handler through its {@code (ApiContext)} constructor. */
    @SuppressWarnings("unchecked")
    public static ApiDispatcher forContext(ApiContext context) {
        return new ApiDispatcher(route -> {
            try {
                return (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>) route.handler()
                        .getConstructor(ApiContext.class).newInstance(context);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + route.handler().getName() + ": " + e, e);
            }
        });
    }

    public APIGatewayProxyResponseEvent dispatch(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, String body, boolean base64, String sourceIp) {
        Endpoints.Match match = Endpoints.match(method, path);
        if (!match.found()) {
            if (!match.allowedMethods().isEmpty()) {
                String allow = String.join(", ", match.allowedMethods());
                return ApiResponse.json(405, Map.of("error", "method " + method + " is not allowed on " + path
                        + "; allowed: " + allow), Map.of("Allow", allow));
            }
            return ApiResponse.error(404, "no route for " + method + " " + path, null);
        }
        APIGatewayProxyRequestEvent event = GatewayEvents.request(method, path, query, headers, body, base64, match, sourceIp);
        return handlers.get(match.endpoint()).handleRequest(event, null);
    }
}
