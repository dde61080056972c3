package dev.gleaner.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.http.ApiException;
import dev.gleaner.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The parts of an API Gateway (REST, payload v1) request that handlers read. */
public final class ApiRequest {
    /** Bodies above 64 KiB are refused with 413 before they are parsed. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final APIGatewayProxyRequestEvent event;

    public ApiRequest(APIGatewayProxyRequestEvent event) {
        this.event = event;
    }

    public String method() {
        return event.getHttpMethod();
    }

    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    public String pathParam(String name) {
        Map<String, String> p = event.getPathParameters();
        return p == null ? null : p.get(name);
    }

    /** A query parameter (the last one when repeated), or null. */
    public String query(String name) {
        Map<String, List<String>> multi = event.getMultiValueQueryStringParameters();
        if (multi != null && multi.get(name) != null && !multi.get(name).isEmpty()) {
            List<String> values = multi.get(name);
            return values.get(values.size() - 1);
        }
        Map<String, String> single = event.getQueryStringParameters();
        return single == null ? null : single.get(name);
    }

    public String header(String name) {
        Map<String, String> h = event.getHeaders();
        if (h == null) {
            return null;
        }
        for (Map.Entry<String, String> e : h.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The raw body as bytes (API Gateway base64-encodes binary bodies). */
    public byte[] bodyBytes() {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("body", "the request body is not valid base64");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The body as JSON: 413 over 64 KiB, 400 when it is not JSON whatever the Content-Type says.
     * An empty body reads as {@code {}} (every start field but Naver's cafe_id has a default).
     */
    public JsonNode jsonBody() {
        byte[] bytes = bodyBytes();
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "the request body is larger than 64 KiB", "body");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode node = Json.parse(text);
            if (node == null || node.isMissingNode()) {
                return Json.object();
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("body", "the request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }
}
