package dev.gleaner.api.scrape;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.api.http.LongPoll;
import dev.gleaner.core.task.Pace;
import dev.gleaner.core.scrape.ScrapeService;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /scrape}: 202 with the pending task, or 200 with a completed task served from the cache. */
public final class SubmitScrapeHandler extends ApiHandler {
    public SubmitScrapeHandler() {
        this(ApiContext.fromEnvironment());
    }

    public SubmitScrapeHandler(ApiContext ctx) {
        super(ctx);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        ScrapeService.Submitted s = ctx.scrapes().submit(request.jsonBody());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", "/tasks/" + s.task().taskId());
        headers.putAll(LongPoll.retryAfter(Pace.retryAfter(s.task())));
        return ApiResponse.json(s.fromCache() ? 200 : 202, s.task().resultView(), headers);
    }
}
