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

/** {@code GET /tasks/{task_id}/result}: the full task, product_info once completed, error once failed. */
public final class ScrapeResultHandler extends ApiHandler {
    public ScrapeResultHandler() {
        this(ApiContext.fromEnvironment());
    }

    public ScrapeResultHandler(ApiContext ctx) {
        super(ctx, Endpoints.SCRAPE_RESULT);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        ScrapeTask task = ctx.scrapes().get(request.pathParam("task_id"));
        return ApiResponse.json(200, task.resultView(), LongPoll.retryAfter(Pace.retryAfter(task)));
    }
}
