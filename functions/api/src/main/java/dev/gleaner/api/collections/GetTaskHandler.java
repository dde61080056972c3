package dev.gleaner.api.collections;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.api.http.LongPoll;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Pace;
import java.util.List;

/**
 * {@code GET /api/v1/async-collection/task/{task_id}}: with {@code Prefer: wait=N}, answers as soon
 * as the status or progress changes (or after N s); {@code Retry-After} while not final.
 */
public final class GetTaskHandler extends ApiHandler {
    public GetTaskHandler() {
        this(ApiContext.fromEnvironment());
    }

    public GetTaskHandler(ApiContext ctx) {
        super(ctx);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        String id = request.pathParam("task_id");
        LongPoll.Read<CollectionTask> read = LongPoll.read(ctx, request, () -> ctx.collections().get(id),
                t -> List.of(t.status(), t.progress()), t -> t.status().isFinal());
        CollectionTask task = read.value();
        return ApiResponse.json(200, task.view(),
                LongPoll.headers(read.waited(), Pace.retryAfter(task, ctx.clock().instant())));
    }
}
