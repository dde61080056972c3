package dev.gleaner.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.errors.DomainError;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses with the headers every route shares. */
public final class ApiResponse {

    private ApiResponse() {}

    public static APIGatewayProxyResponseEvent json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayProxyResponseEvent json(int status, Object body, Map<String, String> extraHeaders) {
        return text(status, "application/json; charset=utf-8", Json.write(body), extraHeaders);
    }

    /** Any text body (CSV, NDJSON) with the shared headers. */
    public static APIGatewayProxyResponseEvent text(int status, String contentType, String body,
            Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Access-Control-Allow-Origin", Env.getOrDefault(Env.CORS_ALLOW_ORIGIN, "*"));
        headers.put("Cache-Control", "no-store");
        headers.putAll(extraHeaders);
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers).withBody(body);
    }

    /**
     * The one place a domain refusal becomes a status code: an invalid field 400, not found 404,
     * a conflict 409, a dependency that failed before anything was done 503.
     */
    public static int status(DomainError e) {
        if (e instanceof DomainError.InvalidField) {
            return 400;
        }
        if (e instanceof DomainError.NotFound) {
            return 404;
        }
        if (e instanceof DomainError.Conflict) {
            return 409;
        }
        if (e instanceof DomainError.Unavailable) {
            return 503;
        }
        throw new IllegalStateException("no status for " + e.getClass().getName());
    }

    public static APIGatewayProxyResponseEvent error(int status, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        return json(status, body);
    }
}
