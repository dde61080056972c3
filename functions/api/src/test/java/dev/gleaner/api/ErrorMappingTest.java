package dev.gleaner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of domain refusal becomes its status code in ApiResponse.status, with the same JSON body as ever. */
class ErrorMappingTest {
    @Test
    void everyKindHasItsStatus() {
        assertEquals(400, ApiResponse.status(DomainError.invalid("limit", "limit must be ...")));
        assertEquals(404, ApiResponse.status(DomainError.notFound("task x not found")));
        assertEquals(409, ApiResponse.status(DomainError.conflict("already finished")));
        assertEquals(409, ApiResponse.status(DomainError.conflict("Idempotency-Key", "used before")));
        assertEquals(503, ApiResponse.status(DomainError.unavailable("try again shortly")));
    }

    @Test
    void aHandlerAnswersARefusalWithErrorAndFieldOnly() throws Exception {
        TestApi api = new TestApi();
        for (DomainError refusal : List.of(DomainError.invalid("status", "status must be one of ..."),
                DomainError.conflict("Idempotency-Key", "used before"), DomainError.unavailable("try again shortly"))) {
            ApiHandler refusing = new ApiHandler(api.context, Endpoints.LIST_TASKS) {
                @Override
                protected APIGatewayProxyResponseEvent handle(ApiRequest r) {
                    throw refusal;
                }
            };
            var answer = refusing.handleRequest(new APIGatewayProxyRequestEvent()
                    .withHttpMethod("GET"), null);
            assertEquals(ApiResponse.status(refusal), answer.getStatusCode());
            JsonNode body = Json.parse(answer.getBody());
            assertEquals(refusal.getMessage(), body.get("error").asText());
            if (refusal.field() == null) {
                assertEquals(List.of("error"), fieldNames(body));
            } else {
                assertEquals(List.of("error", "field"), fieldNames(body));
                assertEquals(refusal.field(), body.get("field").asText());
            }
            assertFalse(answer.getHeaders().containsKey("Retry-After"), "as before: a refusal carries no Retry-After");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
