package dev.gleaner.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.Endpoints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What API Gateway answers itself, before any function runs: a path that is no endpoint (404), a
 * method the path does not have (405 with {@code Allow}); and that a request reaches the handler
 * its route names, with the template's path parameters.
 */
class ApiDispatcherTest {
    private final ApiDispatcher api = new ApiDispatcher(route -> (event, context) -> ApiResponse.json(200,
            Map.of("function", route.function(), "resource", event.getResource(),
                    "path_parameters", event.getPathParameters() == null ? Map.of() : event.getPathParameters())));

    private APIGatewayProxyResponseEvent call(String method, String path) {
        return api.dispatch(method, path, Map.of(), Map.of("Content-Type", List.of("application/json")), null, false,
                "127.0.0.1");
    }

    @Test
    void wrongMethodsAndUnknownPathsAreClear4xx() {
        String base = Endpoints.COLLECTIONS;
        APIGatewayProxyResponseEvent wrong = call("PUT", base + "/task/" + UUID.randomUUID());
        assertEquals(405, wrong.getStatusCode());
        assertEquals("GET, DELETE", wrong.getHeaders().get("Allow"));

        assertEquals(405, call("GET", base + "/babitalk/start").getStatusCode());
        assertEquals(404, call("GET", base + "/nothing/here").getStatusCode());
        assertEquals(404, call("GET", "/").getStatusCode());
        assertEquals(404, call("GET", base + "/task/a/b/c/d").getStatusCode());
        for (APIGatewayProxyResponseEvent r : List.of(wrong, call("GET", "/"))) {
            assertEquals("application/json", r.getHeaders().get("Content-Type").split(";")[0], r.getBody());
        }
    }

    @Test
    void aRequestReachesItsRoutesHandlerWithThePathParameters() throws Exception {
        JsonNode status = Json.parse(call("GET", "/tasks/abc").getBody());
        assertEquals(Endpoints.SCRAPE_STATUS.function(), status.get("function").asText());
        assertEquals("/tasks/{task_id}", status.get("resource").asText());
        assertEquals("abc", status.get("path_parameters").get("task_id").asText());
        APIGatewayProxyResponseEvent list = call("GET", Endpoints.COLLECTIONS + "/tasks");
        assertEquals(200, list.getStatusCode());
        assertEquals(Endpoints.LIST_TASKS.function(), Json.parse(list.getBody()).get("function").asText(),
                "a literal segment wins over a parameter");
    }
}
