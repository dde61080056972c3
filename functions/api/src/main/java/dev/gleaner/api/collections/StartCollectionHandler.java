package dev.gleaner.api.collections;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.api.http.LongPoll;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.idempotency.Idempotency;
import dev.gleaner.core.idempotency.IdempotencyKey;
import dev.gleaner.core.task.CollectionService;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Pace;
import dev.gleaner.core.task.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/async-collection/{platform}/start}: one function for the three platforms. With
 * an {@code Idempotency-Key}, a retried start answers the first task again with
 * {@code Idempotent-Replayed: true}.
 */
public final class StartCollectionHandler extends ApiHandler {
    public StartCollectionHandler() {
        this(ApiContext.fromEnvironment());
    }

    public StartCollectionHandler(ApiContext ctx) {
        super(ctx, Endpoints.START_COLLECTION);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        String id = request.pathParam("platform");
        Platform platform = Platform.fromId(id).orElseThrow(() -> DomainError.notFound(
                "unknown platform '" + id + "'; use babitalk, gangnamunni or naver"));
        JsonNode json = request.jsonBody();
        Idempotency.Result<CollectionTask> started = ctx.collections().start(platform, json,
                IdempotencyKey.of(CollectionService.startScope(platform), request.header(IdempotencyKey.HEADER), json));
        CollectionTask task = started.value();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task_id", task.id());
        body.put("message", platform.displayName() + " 데이터 수집이 시작되었습니다. 작업 ID: " + task.id());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", Endpoints.GET_TASK.at(task.id()));
        headers.putAll(LongPoll.retryAfter(Pace.retryAfter(task, ctx.clock().instant())));
        if (started.replayed()) {
            headers.put(IdempotencyKey.REPLAYED_HEADER, "true");
        }
        return ApiResponse.json(202, body, headers);
    }

    /** Priming: a start refused for its category (parsed and validated, nothing written), then a read of a task that does not exist. */
    @Override
    public List<APIGatewayProxyResponseEvent> prime() {
        APIGatewayProxyResponseEvent refused = handleRequest(primingRequest(null, "{\"categories\": [\"priming\"], \"limit\": 24}"), null);
        try {
            ctx.collections().get(PRIMING_ID);
        } catch (DomainError.NotFound notFound) {
            // expected: no task has this id
        }
        return List.of(refused);
    }
}
