package dev.gleaner.web;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.snapstart.Priming;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /console}, {@code /docs} (each with {@code /{proxy+}}) and {@code /openapi.json} (every
 * route of {@link WebRoutes}; the document by {@link OpenApiDocument}): the
 * files of this jar with their content type, a strong ETag ({@code If-None-Match} answers 304),
 * {@code Cache-Control: no-cache} (file names carry no hash, so browsers revalidate; a 304 costs
 * one small answer) and the mount's Content-Security-Policy. API Gateway compresses the answers
 * (the API's MinimumCompressionSize). No API key is needed here; no data is served.
 */
public final class StaticFileHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final StaticFiles files;
    /** On Lambda: SnapStart priming (held here: org.crac holds resources weakly); null otherwise. */
    @SuppressWarnings("unused")
    private final Priming priming;

    public StaticFileHandler() {
        this.files = StaticFiles.shared();
        this.priming = Priming.register(getClass().getSimpleName(), () -> prime());
    }

    public StaticFileHandler(StaticFiles files) {
        this.files = files;
        this.priming = null;
    }

    /**
     * What SnapStart priming runs before the snapshot: the OpenAPI document and the console's page,
     * as API Gateway asks for them (reads of this jar's files only).
     *
     * @return the answers (tests check them)
     */
    public List<APIGatewayProxyResponseEvent> prime() {
        APIGatewayProxyRequestEvent openapi = new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withResource(WebRoutes.OPENAPI).withPath(WebRoutes.OPENAPI);
        APIGatewayProxyRequestEvent console = new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withResource(WebRoutes.CONSOLE.prefix() + "/{" + WebRoutes.PROXY + "+}")
                .withPath(WebRoutes.CONSOLE.prefix() + "/" + WebRoutes.CONSOLE.index())
                .withPathParameters(Map.of(WebRoutes.PROXY, WebRoutes.CONSOLE.index()));
        return List.of(handleRequest(openapi, null), handleRequest(console, null));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        APIGatewayProxyRequestEvent e = event == null ? new APIGatewayProxyRequestEvent() : event;
        String method = e.getHttpMethod() == null ? "GET" : e.getHttpMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return error(405, "method " + method + " is not allowed here; use GET", Map.of("Allow", "GET"));
        }
        if (WebRoutes.OPENAPI.equals(e.getResource())) {
            return serve(OpenApiDocument.shared().forRequest(e), e, method, WebRoutes.CONSOLE_CSP,
                    // The contract is public: other tools (editors, generators) may read it from anywhere.
                    Map.of("Access-Control-Allow-Origin", "*"));
        }
        Optional<WebRoutes.Mount> mount = WebRoutes.mountForResource(String.valueOf(e.getResource()));
        if (mount.isEmpty()) {
            return error(404, "no static files at " + e.getResource(), Map.of());
        }
        String file = e.getPathParameters() == null ? null : e.getPathParameters().get(WebRoutes.PROXY);
        boolean trailingSlash = file == null && e.getPath() != null && e.getPath().endsWith("/");
        if (trailingSlash || (file != null && (file.isEmpty() || file.equals("/")))) {
            // "/console/": relative links in the index resolve against the mount's own path, so send
            // the browser there (a relative Location keeps the stage prefix on AWS).
            String own = mount.get().prefix().substring(mount.get().prefix().lastIndexOf('/') + 1);
            return response(308, null, Map.of("Location", "../" + own), false);
        }
        StaticFiles.Asset asset = files.get(mount.get(), file);
        if (asset == null) {
            return error(404, "no file " + file + " under " + mount.get().prefix(), Map.of());
        }
        return serve(asset, e, method, mount.get().contentSecurityPolicy(), Map.of());
    }

    private static APIGatewayProxyResponseEvent serve(StaticFiles.Asset asset, APIGatewayProxyRequestEvent e, String method,
            String contentSecurityPolicy, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", asset.contentType());
        headers.put("ETag", asset.etag());
        headers.put("Cache-Control", "no-cache");
        headers.put("Content-Security-Policy", contentSecurityPolicy);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", extra.containsKey("Access-Control-Allow-Origin") ? "cross-origin" : "same-origin");
        headers.putAll(extra);
        if (matches(header(e, "If-None-Match"), asset.etag())) {
            return response(304, null, headers, false);
        }
        if (method.equals("HEAD")) {
            return response(200, null, headers, false);
        }
        if (asset.text()) {
            return response(200, new String(asset.bytes(), StandardCharsets.UTF_8), headers, false);
        }
        return response(200, Base64.getEncoder().encodeToString(asset.bytes()), headers, true);
    }

    /** RFC 9110 If-None-Match: a list of entity tags or {@code *}, compared weakly. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String ours = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(ours)) {
                return true;
            }
        }
        return false;
    }

    static String header(APIGatewayProxyRequestEvent e, String name) {
        if (e.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> h : e.getHeaders().entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private static APIGatewayProxyResponseEvent error(int status, String message, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(extra);
        return response(status, Json.write(Map.of("error", message)), headers, false);
    }

    private static APIGatewayProxyResponseEvent response(int status, String body, Map<String, String> headers, boolean base64) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(base64);
    }
}
