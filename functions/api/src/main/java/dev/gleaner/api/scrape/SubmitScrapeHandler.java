package dev.gleaner.api.scrape;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.api.http.LongPoll;
import dev.gleaner.core.task.Pace;
import dev.gleaner.core.scrape.ScrapeService;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.idempotency.Idempotency;
import dev.gleaner.core.idempotency.IdempotencyKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /scrape}: 202 with the pending task, or 200 with a completed task served from the
 * cache. With an {@code Idempotency-Key}, a retried submit answers the first task again (same
 * status code) with {@code Idempotent-Replayed: true}.
 */
public final class SubmitScrapeHandler extends ApiHandler {
    public SubmitScrapeHandler() {
        this(ApiContext.fromEnvironment());
    }

    public SubmitScrapeHandler(ApiContext ctx) {
        super(ctx, Endpoints.SUBMIT_SCRAPE);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        JsonNode json = request.jsonBody();
        Idempotency.Result<ScrapeService.Submitted> r = ctx.scrapes().submit(json,
                IdempotencyKey.of(ScrapeService.SCOPE, request.header(IdempotencyKey.HEADER), json));
        ScrapeService.Submitted s = r.value();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", Endpoints.SCRAPE_STATUS.at(s.task().taskId()));
        headers.putAll(LongPoll.retryAfter(Pace.retryAfter(s.task())));
        if (r.replayed()) {
            headers.put(IdempotencyKey.REPLAYED_HEADER, "true");
        }
        return ApiResponse.json(s.fromCache() ? 200 : 202, s.task().resultView(), headers);
    }

    /** Priming: a scrape refused for its language (parsed and validated, nothing written or sent), then a read of a task that does not exist. */
    @Override
    public List<APIGatewayProxyResponseEvent> prime() {
        APIGatewayProxyResponseEvent refused = handleRequest(primingRequest(null,
                "{\"url\": \"https://example.com/product/1\", \"target_language\": \"-\"}"), null);
        try {
            ctx.scrapes().get(PRIMING_ID);
        } catch (DomainError.NotFound notFound) {
            // expected: no task has this id
        }
        return List.of(refused);
    }
}
