package dev.gleaner.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code web/openapi.json}, the API's contract, as served at {@link WebRoutes#OPENAPI}: the file
 * as written, except that {@code servers} names the address the document was asked at, so that
 * Swagger UI's "Try it out" and generated clients call this deployment (stage prefix included).
 */
public final class OpenApiDocument {
    public static final String RESOURCE = "web/openapi.json";
    private static final OpenApiDocument SHARED = new OpenApiDocument();

    private final ObjectNode document;
    private final Map<String, StaticFiles.Asset> byBase = new ConcurrentHashMap<>();

    private OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            document = (ObjectNode) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpenApiDocument shared() {
        return SHARED;
    }

    /** The document for a request, with its ETag (one per base URL, built once). */
    public StaticFiles.Asset forRequest(APIGatewayProxyRequestEvent event) {
        String base = baseUrl(event);
        return byBase.computeIfAbsent(base == null ? "" : base, b -> {
            ObjectNode copy = document.deepCopy();
            if (!b.isEmpty()) {
                copy.putArray("servers").addObject().put("url", b).put("description", "This deployment");
            }
            byte[] bytes = Json.write(copy).getBytes(StandardCharsets.UTF_8);
            return new StaticFiles.Asset("openapi.json", bytes, StaticFiles.contentType("openapi.json"),
                    StaticFiles.etag(bytes));
        });
    }

    /**
     * scheme://host[/stage] of a request: API Gateway's own domain ({@code *.execute-api.*}) puts the
     * stage in the path, a custom domain or the local runner does not. Null when the Host header is
     * absent or not a host name (the document's relative "/" then stays).
     */
    static String baseUrl(APIGatewayProxyRequestEvent event) {
        String host = StaticFileHandler.header(event, "Host");
        if (host == null || !host.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?")) {
            return null;
        }
        String proto = Optional.ofNullable(StaticFileHandler.header(event, "X-Forwarded-Proto")).orElse("http").trim().toLowerCase(Locale.ROOT);
        if (!proto.equals("http") && !proto.equals("https")) {
            proto = "https";
        }
        String prefix = "";
        APIGatewayProxyRequestEvent.ProxyRequestContext rc = event.getRequestContext();
        if (rc != null && rc.getDomainName() != null && rc.getDomainName().contains(".execute-api.")
                && rc.getStage() != null && rc.getStage().matches("[A-Za-z0-9_]+")) {
            prefix = "/" + rc.getStage();
        }
        return proto + "://" + host + prefix;
    }
}
