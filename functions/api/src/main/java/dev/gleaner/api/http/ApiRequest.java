package dev.gleaner.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Every value of a header, in order (API Gateway's multi-value map, else the single value). */
    public List<String> headers(String name) {
        Map<String, List<String>> multi = event.getMultiValueHeaders();
        if (multi != null) {
            for (Map.Entry<String, List<String>> e : multi.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                    return e.getValue();
                }
            }
        }
        String single = header(name);
        return single == null ? List.of() : List.of(single);
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
                throw DomainError.invalid("body", "the request body is not valid base64");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The body as JSON: 413 over 64 KiB, 400 when it is not JSON whatever the Content-Type says
     * (Jackson's limits on number length, nesting depth and name length included), when a field
     * appears twice or when something follows the JSON value. An empty body reads as {@code {}}
     * (every start field but Naver's cafe_id has a default).
     */
    public JsonNode jsonBody() {
        byte[] bytes = bodyBytes();
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "the request body is " + bytes.length + " bytes; the most this API accepts is "
                    + MAX_BODY_BYTES + " bytes (64 KiB)", "body");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode node = READER.readTree(text);
            if (node == null || node.isMissingNode()) {
                return Json.object();
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw DomainError.invalid("body", "the request body exceeds a JSON limit: " + limit(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            String duplicate = duplicateField(e.getOriginalMessage());
            if (duplicate != null) {
                throw DomainError.invalid(duplicate, "the field '" + duplicate + "' appears more than once in the body");
            }
            JsonLocation at = e.getLocation();
            throw DomainError.invalid("body", "the request body is not valid JSON"
                    + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    /** Strict about what API clients send; {@link Json#MAPPER}'s own settings otherwise. */
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{1,100})'");

    private static String duplicateField(String message) {
        Matcher m = message == null ? null : DUPLICATE.matcher(message);
        return m != null && m.find() ? m.group(1) : null;
    }

    /** Jackson's limit message without its internals: "Number value length (1200) exceeds the maximum allowed (1000)". */
    private static String limit(String message) {
        if (message == null) {
            return "too long or too deeply nested";
        }
        return message.replaceAll(",? ?from `[^`]*`", "").replaceAll("\\(\\s*\\)", "").trim();
    }
}
