package dev.gleaner.api.collections;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;

/** {@code GET /api/v1/async-collection/task/{task_id}}. */
public final class GetTaskHandler extends ApiHandler {
    public GetTaskHandler() {
        this(ApiContext.fromEnvironment());
    }

    public GetTaskHandler(ApiContext ctx) {
        super(ctx);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        return ApiResponse.json(200, ctx.collections().get(request.pathParam("task_id")).view());
    }
}
