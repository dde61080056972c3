package dev.gleaner.api.records;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/async-collection/task/{task_id}/items}: the records this task collected, as
 * JSON pages or every one as CSV or NDJSON ({@link RecordExport}).
 */
public final class TaskItemsHandler extends ApiHandler {
    private final RecordExport export;

    public TaskItemsHandler() {
        this(ApiContext.fromEnvironment());
    }

    public TaskItemsHandler(ApiContext ctx) {
        super(ctx, Endpoints.TASK_ITEMS);
        this.export = RecordExport.fromEnvironment(ctx.clock());
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        String id = ctx.collections().get(request.pathParam("task_id")).id(); // 400/404 as for the task itself
        return export.answer(request, (limit, token) -> ctx.records().itemsOfTask(id, limit, token), "task-" + id + "-items",
                "read the task's records per category and day through /records");
    }

    /**
     * Priming: a task that does not exist (404), then, if the table has a task, the first page of the
     * newest one's records (reads only), so the export path's classes are in the snapshot.
     */
    @Override
    public List<APIGatewayProxyResponseEvent> prime() {
        List<APIGatewayProxyResponseEvent> answers = new ArrayList<>(super.prime());
        newestTaskForPriming().ifPresent(id -> answers.add(handleRequest(primingRequest(id, null, null), null)));
        return answers;
    }
}
