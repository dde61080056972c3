package dev.gleaner.api.scrape;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.api.http.LongPoll;
import dev.gleaner.core.scrape.ScrapeTask;
import dev.gleaner.core.task.Pace;

/**
 * {@code GET /tasks/{task_id}}: the short status of a scrape task; with {@code Prefer: wait=N},
 * answers as soon as the status changes (or after N s); {@code Retry-After} while not final.
 */
public final class ScrapeStatusHandler extends ApiHandler {
    public ScrapeStatusHandler() {
        this(ApiContext.fromEnvironment());
    }

    public ScrapeStatusHandler(ApiContext ctx) {
        super(ctx, Endpoints.SCRAPE_STATUS);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        String id = request.pathParam("task_id");
        LongPoll.Read<ScrapeTask> read = LongPoll.read(ctx, request, () -> ctx.scrapes().get(id), ScrapeTask::status,
                t -> t.status().isFinal());
        return ApiResponse.json(200, read.value().statusView(),
                LongPoll.headers(read.waited(), Pace.retryAfter(read.value())));
    }
}
