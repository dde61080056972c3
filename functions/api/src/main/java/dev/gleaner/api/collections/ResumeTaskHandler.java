package dev.gleaner.api.collections;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.core.task.CollectionTask;
import java.util.Map;

/**
 * {@code POST /api/v1/async-collection/task/{task_id}/resume}: 202 with the task, pending again,
 * continuing from its cursors as the same task under a new execution; 409 while it is pending or
 * running and once it completed; 404 unknown; 400 a malformed id. The optional body may carry
 * fresh secrets ({@code naver_cookies}, {@code token}): a finished task's were deleted.
 */
public final class ResumeTaskHandler extends ApiHandler {
    public ResumeTaskHandler() {
        this(ApiContext.fromEnvironment());
    }

    public ResumeTaskHandler(ApiContext ctx) {
        super(ctx, Endpoints.RESUME_TASK);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        CollectionTask task = ctx.collections().resume(request.pathParam("task_id"), request.jsonBody());
        return ApiResponse.json(202, task.view(), Map.of("Location", Endpoints.GET_TASK.at(task.id())));
    }
}
