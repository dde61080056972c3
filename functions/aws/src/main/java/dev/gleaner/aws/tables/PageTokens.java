package dev.gleaner.aws.tables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque {@code next_token}s: a DynamoDB LastEvaluatedKey (string and number attributes only),
 * bound to the query it came from so that a token cannot be replayed against another filter.
 */
public final class PageTokens {
    private PageTokens() {}

    public static String encode(String scope, Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        ObjectNode root = Json.object();
        root.put("q", scope);
        ObjectNode key = root.putObject("k");
        lastKey.forEach((name, v) -> {
            if (v.s() != null) {
                key.putObject(name).put("S", v.s());
            } else if (v.n() != null) {
                key.putObject(name).put("N", v.n());
            }
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(root).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a token for {@code scope}; null/blank means the first page. Anything else odd is a 400. */
    public static Map<String, AttributeValue> decode(String scope, String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            JsonNode root = Json.parse(new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8));
            if (!scope.equals(root.path("q").asText(null)) || !root.path("k").isObject()) {
                throw invalid();
            }
            Map<String, AttributeValue> key = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = root.get("k").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.hasNonNull("S")) {
                    key.put(e.getKey(), AttributeValue.fromS(v.get("S").asText()));
                } else if (v.hasNonNull("N")) {
                    key.put(e.getKey(), AttributeValue.fromN(v.get("N").asText()));
                } else {
                    throw invalid();
                }
            }
            if (key.isEmpty()) {
                throw invalid();
            }
            return key;
        } catch (DomainError e) {
            throw e;
        } catch (Exception e) {
            throw invalid();
        }
    }

    private static DomainError.InvalidField invalid() {
        return DomainError.invalid("next_token", "next_token is not valid for this query; use the value a previous page returned");
    }
}
