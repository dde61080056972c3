package dev.gleaner.api.collections;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Routes;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.api.http.LongPoll;
import dev.gleaner.core.http.ApiException;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Pace;
import dev.gleaner.core.task.Platform;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /api/v1/async-collection/{platform}/start}: one function for the three platforms. */
public final class StartCollectionHandler extends ApiHandler {
    public StartCollectionHandler() {
        this(ApiContext.fromEnvironment());
    }

    public StartCollectionHandler(ApiContext ctx) {
        super(ctx);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        String id = request.pathParam("platform");
        Platform platform = Platform.fromId(id).orElseThrow(() -> ApiException.notFound(
                "unknown platform '" + id + "'; use babitalk, gangnamunni or naver"));
        CollectionTask task = ctx.collections().start(platform, request.jsonBody());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task_id", task.id());
        body.put("message", platform.displayName() + " 데이터 수집이 시작되었습니다. 작업 ID: " + task.id());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", Routes.COLLECTIONS + "/task/" + task.id());
        headers.putAll(LongPoll.retryAfter(Pace.retryAfter(task, ctx.clock().instant())));
        return ApiResponse.json(202, body, headers);
    }
}
