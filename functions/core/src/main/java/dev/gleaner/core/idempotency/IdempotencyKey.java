package dev.gleaner.core.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An {@code Idempotency-Key} and the fingerprint of the request it came with. The same key with the
 * same request (the same JSON, whatever its field order and spacing) within 24 h answers the first
 * request's task again; the same key with another request is a 409 naming the key.
 *
 * @param scope what the key is unique within (the route: a key used to start a Babitalk collection
 *     and a Naver one is two keys)
 * @param fingerprint SHA-256 of the canonical request (never the request itself: it may hold secrets)
 */
public record IdempotencyKey(String scope, String key, String fingerprint) {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,255}");

    /** The header's key for a request body, or null when the header was not sent. */
    public static IdempotencyKey of(String scope, String header, JsonNode body) {
        if (header == null) {
            return null;
        }
        String key = header.trim();
        if (!VALID.matcher(key).matches()) {
            throw DomainError.invalid(HEADER, HEADER + " must be 1 to 255 visible ASCII characters, such as a UUID");
        }
        return new IdempotencyKey(scope, key, fingerprint(body));
    }

    /** SHA-256 of the JSON with object fields sorted: the same request however it was written. */
    public static String fingerprint(JsonNode body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(canonical(body)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return Json.object();
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = Json.object();
            names.forEach(n -> sorted.set(n, canonical(node.get(n))));
            return sorted;
        }
        if (node.isArray()) {
            var array = Json.MAPPER.createArrayNode();
            node.forEach(n -> array.add(canonical(n)));
            return array;
        }
        return node;
    }

    /** The conflict (409) of a key used before with another request. */
    public DomainError.Conflict conflict() {
        return DomainError.conflict(HEADER, HEADER + " '" + key + "' was already used with a different request; "
                + "use a new key for a new request");
    }

    /** The conflict (409) of a key whose first request is still being answered. */
    public DomainError.Conflict inProgress() {
        return DomainError.conflict(HEADER, "a request with " + HEADER + " '" + key + "' is still being processed; "
                + "try again in a moment");
    }
}
