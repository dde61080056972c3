package dev.gleaner.api.collections;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;

/** {@code DELETE /api/v1/async-collection/task/{task_id}}: 200 with the cancelled task, 409 if finished. */
public final class CancelTaskHandler extends ApiHandler {
    public CancelTaskHandler() {
        this(ApiContext.fromEnvironment());
    }

    public CancelTaskHandler(ApiContext ctx) {
        super(ctx, Endpoints.CANCEL_TASK);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        return ApiResponse.json(200, ctx.collections().cancel(request.pathParam("task_id")).view());
    }
}
