package dev.gleaner.api.collections;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.api.ApiContext;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.http.ApiRequest;
import dev.gleaner.api.http.ApiResponse;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;

/**
 * {@code GET /api/v1/async-collection/status/summary}: the counts per status, and
 * {@code max_running}, the slots there are (so a client can show "6 / 10 running").
 */
public final class StatusSummaryHandler extends ApiHandler {
    public StatusSummaryHandler() {
        this(ApiContext.fromEnvironment());
    }

    public StatusSummaryHandler(ApiContext ctx) {
        super(ctx, Endpoints.STATUS_SUMMARY);
    }

    @Override
    protected APIGatewayProxyResponseEvent handle(ApiRequest request) {
        return ApiResponse.json(200, ((ObjectNode) Json.tree(ctx.collections().summary())).put("max_running", Env.maxRunning()));
    }
}
