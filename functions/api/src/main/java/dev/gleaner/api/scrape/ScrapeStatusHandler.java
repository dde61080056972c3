package dev.gleaner.api.scrape;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;

/** {@code GET /tasks/{task_id}}: the short status of a scrape task. */
public final class ScrapeStatusHandler extends ApiHandler {
    public ScrapeStatusHandler() {
        this(ApiContext.fromEnvironment());
    }

    public ScrapeStatusHandler(ApiContext ctx) {
        super(ctx);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        return ApiResponse.json(200, ctx.scrapes().get(request.pathParam("task_id")).statusView());
    }
}
