package dev.gleaner.api.records;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.core.record.RecordStore;
import dev.gleaner.core.task.CollectionService;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/async-collection/task/{task_id}/items}: the records this task collected. */
public final class TaskItemsHandler extends ApiHandler {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public TaskItemsHandler() {
        this(ApiContext.fromEnvironment());
    }

    public TaskItemsHandler(ApiContext ctx) {
        super(ctx);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        String id = ctx.collections().get(request.pathParam("task_id")).id(); // 400/404 as for the task itself
        int limit = CollectionService.parseLimit(request.query("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        RecordStore.RecordPage page = ctx.records().itemsOfTask(id, limit, request.query("next_token"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("next_token", page.nextToken());
        return ApiResponse.json(200, body);
    }
}
