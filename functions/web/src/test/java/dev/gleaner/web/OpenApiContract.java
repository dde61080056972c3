package dev.gleaner.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.gleaner.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI document as a test oracle: {@link #check} fails when an answer's status, content
 * type or body is not what the document says for the request's operation (JSON bodies are
 * validated against the operation's schema with the OpenAPI 3.1 dialect of JSON Schema). An
 * answer on a path the document does not have (404, 405) must still be the error shape.
 */
public final class OpenApiContract {
    public static final String RESOURCE = "web/openapi.json";
    private static final OpenApiContract SHARED = new OpenApiContract();

    private final JsonNode doc;
    private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31());
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            doc = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpenApiContract shared() {
        return SHARED;
    }

    public JsonNode document() {
        return doc;
    }

    /** The document's path template and operation for a concrete request, literal segments first. */
    public Optional<Map.Entry<String, JsonNode>> operation(String method, String requestPath) {
        String[] actual = split(requestPath);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = doc.get("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            String[] t = split(template);
            if (t.length != actual.length) {
                continue;
            }
            int literals = 0;
            boolean ok = true;
            for (int i = 0; i < t.length && ok; i++) {
                if (t[i].startsWith("{")) {
                    continue;
                }
                ok = t[i].equals(actual[i]);
                literals++;
            }
            if (ok && doc.get("paths").get(template).has(method.toLowerCase(Locale.ROOT)) && literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        return best == null ? Optional.empty()
                : Optional.of(Map.entry(best, doc.get("paths").get(best).get(method.toLowerCase(Locale.ROOT))));
    }

    /**
     * @param requestPath the request's path (a query string is ignored)
     * @param contentType the answer's Content-Type (null when it has none)
     */
    public void check(String method, String requestPath, int status, String contentType, String body) {
        String path = requestPath.contains("?") ? requestPath.substring(0, requestPath.indexOf('?')) : requestPath;
        String what = method + " " + path + " -> " + status;
        Optional<Map.Entry<String, JsonNode>> op = operation(method, path);
        if (op.isEmpty()) {
            if (status != 404 && status != 405) {
                throw new AssertionError(what + ": the document has no such operation");
            }
            validate(what, "Error", body);
            return;
        }
        JsonNode responses = op.get().getValue().get("responses");
        JsonNode response = responses.get(String.valueOf(status));
        if (response == null) {
            throw new AssertionError(what + ": status " + status + " is not documented for " + op.get().getKey()
                    + " (documented: " + names(responses) + "); body " + abbreviate(body));
        }
        response = deref(response);
        JsonNode content = response.get("content");
        if (content == null) {
            if (body != null && !body.isEmpty()) {
                throw new AssertionError(what + ": the document says no body, got " + abbreviate(body));
            }
            return;
        }
        String media = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode mediaType = content.get(media);
        if (mediaType == null) {
            throw new AssertionError(what + ": Content-Type " + contentType + " is not documented (documented: "
                    + names(content) + ")");
        }
        if (media.equals("application/json")) {
            String ref = mediaType.path("schema").path("$ref").asText("");
            if (!ref.startsWith("#/components/schemas/")) {
                throw new AssertionError(what + ": JSON answers are checked against component schemas; "
                        + op.get().getKey() + " has an inline schema");
            }
            validate(what, ref.substring("#/components/schemas/".length()), body);
        }
    }

    /** Validates a JSON text against {@code #/components/schemas/<name>}. */
    public void validate(String what, String schemaName, String json) {
        Schema schema = schemas.computeIfAbsent(schemaName, n -> registry.getSchema(
                SchemaLocation.of("classpath:" + RESOURCE + "#/components/schemas/" + n)));
        List<Error> errors = schema.validate(json == null ? "" : json, InputFormat.JSON);
        if (!errors.isEmpty()) {
            List<String> lines = new ArrayList<>();
            errors.forEach(e -> lines.add(e.toString()));
            throw new AssertionError(what + ": the body does not match " + schemaName + ":\n  "
                    + String.join("\n  ", lines) + "\nbody: " + abbreviate(json));
        }
    }

    private JsonNode deref(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.isEmpty()) {
            return node;
        }
        JsonNode target = doc.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new AssertionError("dangling $ref " + ref);
        }
        return target;
    }

    private static List<String> names(JsonNode object) {
        List<String> n = new ArrayList<>();
        object.fieldNames().forEachRemaining(n::add);
        return n;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 600 ? s : s.substring(0, 600) + "…";
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
