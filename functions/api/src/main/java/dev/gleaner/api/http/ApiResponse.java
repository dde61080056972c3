package dev.gleaner.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
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

    public static APIGatewayProxyResponseEvent error(int status, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        return json(status, body);
    }
}
