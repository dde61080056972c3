package dev.gleaner.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.http.GatewayEvents;
import dev.gleaner.web.StaticFileHandler;
import dev.gleaner.web.WebRoutes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The static routes of {@link WebRoutes} (the web console), answered by the same handler the
 * deployed WebFunction runs, from the same API Gateway event; locally the console is also the
 * answer to {@code GET /}.
 */
public final class StaticRoutes {
    private final StaticFileHandler handler = new StaticFileHandler();

    /** The answer for a static path, or empty when the path is the API's. */
    public Optional<APIGatewayProxyResponseEvent> handle(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, String sourceIp) {
        String effective = path.equals("/") ? WebRoutes.CONSOLE.prefix() : path;
        Optional<WebRoutes.Match> match = WebRoutes.match(effective);
        if (match.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> params = match.get().file() == null ? Map.of() : Map.of(WebRoutes.PROXY, match.get().file());
        return Optional.of(handler.handleRequest(GatewayEvents.request(method, effective, query, headers, null, false,
                match.get().route().path(), params, sourceIp), null));
    }
}
