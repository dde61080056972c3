package dev.gleaner.api.collections;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.api.http.LongPoll;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Pace;
import dev.gleaner.core.task.Platform;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code GET /api/v1/async-collection/task/{task_id}}: with {@code Prefer: wait=N}, answers as soon
 * as the status or progress changes (or after N s); {@code Retry-After} while not final.
 */
public final class GetTaskHandler extends ApiHandler {
    public GetTaskHandler() {
        this(ApiContext.fromEnvironment());
    }

    public GetTaskHandler(ApiContext ctx) {
        super(ctx, Endpoints.GET_TASK);
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

    /**
     * Priming: the read of a task that does not exist (404); the answer a found task gets, for a task
     * built here (its view, headers and JSON); and, if the table has a task, the read of the newest
     * one (the SDK's unmarshalling of a found item and the store's mapping of it). Nothing is written.
     */
    @Override
    public List<APIGatewayProxyResponseEvent> prime() {
        List<APIGatewayProxyResponseEvent> answers = new ArrayList<>(super.prime());
        Instant now = ctx.clock().instant();
        CollectionTask sample = CollectionTask.pending(PRIMING_ID, new CollectionRequest(
                Platform.BABITALK, LocalDate.of(2025, 1, 1), null, List.of("reviews"), 24,
                false, null, List.of(), 0, null), now);
        answers.add(ApiResponse.json(200, sample.view(),
                LongPoll.headers(OptionalInt.empty(), Pace.retryAfter(sample, now))));
        newestTaskForPriming().ifPresent(id -> answers.add(handleRequest(primingRequest(id, null, null), null)));
        return answers;
    }
}
