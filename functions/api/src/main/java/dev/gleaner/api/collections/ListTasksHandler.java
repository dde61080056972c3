package dev.gleaner.api.collections;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.TaskPage;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/async-collection/tasks?status=&type=&limit=&next_token=}, newest first. */
public final class ListTasksHandler extends ApiHandler {
    public ListTasksHandler() {
        this(ApiContext.fromEnvironment());
    }

    public ListTasksHandler(ApiContext ctx) {
        super(ctx, Endpoints.LIST_TASKS);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        TaskPage page = ctx.collections().list(request.query("status"), request.query("type"),
                request.query("limit"), request.query("next_token"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tasks", page.tasks().stream().map(CollectionTask::view).toList());
        body.put("next_token", page.nextToken());
        return ApiResponse.json(200, body);
    }
}
