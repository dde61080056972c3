package dev.gleaner.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json} names the server it was asked at; Swagger UI at {@code /docs} comes from this jar only. */
class DocsAndOpenApiTest {
    private final StaticFileHandler handler = new StaticFileHandler();

    private static APIGatewayProxyRequestEvent get(String path, Map<String, String> headers) {
        WebRoutes.Match m = WebRoutes.match(path).orElseThrow();
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Host", "localhost:8000");
        return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath(path).withResource(m.route().path())
                .withPathParameters(m.file() == null ? null : Map.of(WebRoutes.PROXY, m.file())).withHeaders(h);
    }

    private APIGatewayProxyResponseEvent call(String path, Map<String, String> headers) {
        return handler.handleRequest(get(path, headers), null);
    }

    private static JsonNode json(APIGatewayProxyResponseEvent r) throws Exception {
        return Json.parse(r.getBody());
    }

    @Test
    void theDocumentNamesTheServerItWasAskedAt() throws Exception {
        APIGatewayProxyResponseEvent local = call("/openapi.json", Map.of("Host", "localhost:8123"));
        assertEquals(200, local.getStatusCode());
        assertEquals("application/json; charset=utf-8", local.getHeaders().get("Content-Type"));
        assertEquals("*", local.getHeaders().get("Access-Control-Allow-Origin"), "the contract is public");
        JsonNode doc = json(local);
        assertEquals("http://localhost:8123", doc.at("/servers/0/url").asText());
        assertEquals(OpenApiContract.shared().document().get("paths"), doc.get("paths"), "served as written, servers aside");

        APIGatewayProxyRequestEvent aws = get("/openapi.json", Map.of("Host", "abc123.execute-api.ap-northeast-2.amazonaws.com",
                "X-Forwarded-Proto", "https"));
        aws.setRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withStage("prod")
                .withDomainName("abc123.execute-api.ap-northeast-2.amazonaws.com"));
        assertEquals("https://abc123.execute-api.ap-northeast-2.amazonaws.com/prod",
                json(handler.handleRequest(aws, null)).at("/servers/0/url").asText(),
                "API Gateway's own domain carries the stage in the path");
        APIGatewayProxyRequestEvent custom = get("/openapi.json", Map.of("Host", "api.example.com", "X-Forwarded-Proto", "https"));
        custom.setRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withStage("prod")
                .withDomainName("api.example.com"));
        assertEquals("https://api.example.com", json(handler.handleRequest(custom, null)).at("/servers/0/url").asText());

        assertEquals("/", json(call("/openapi.json", Map.of("Host", "evil.example\"><script>"))).at("/servers/0/url").asText(),
                "a Host that is not a host name is not echoed");
        String etag = local.getHeaders().get("ETag");
        assertEquals(304, call("/openapi.json", Map.of("Host", "localhost:8123", "If-None-Match", etag)).getStatusCode());
    }

    @Test
    void swaggerUiIsServedFromTheJarWithAPolicyThatAllowsNothingElse() {
        APIGatewayProxyResponseEvent page = call("/docs", Map.of());
        assertEquals(200, page.getStatusCode());
        assertEquals("text/html; charset=utf-8", page.getHeaders().get("Content-Type"));
        String html = page.getBody();
        assertTrue(html.contains("docs/swagger-ui-bundle.js") && html.contains("docs/docs.js"), html);
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing from elsewhere: " + html);
        String csp = page.getHeaders().get("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe"), csp);

        APIGatewayProxyResponseEvent bundle = call("/docs/swagger-ui-bundle.js", Map.of());
        assertEquals(200, bundle.getStatusCode());
        assertEquals("text/javascript; charset=utf-8", bundle.getHeaders().get("Content-Type"));
        assertTrue(bundle.getBody().length() > 500_000 && bundle.getBody().contains("SwaggerUIBundle"), "the real bundle");
        assertEquals("text/css; charset=utf-8", call("/docs/swagger-ui.css", Map.of()).getHeaders().get("Content-Type"));
        APIGatewayProxyResponseEvent icon = call("/docs/favicon-32x32.png", Map.of());
        assertEquals("image/png", icon.getHeaders().get("Content-Type"));
        assertTrue(icon.getIsBase64Encoded());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                Arrays.copyOf(Base64.getDecoder().decode(icon.getBody()), 4));
        String init = call("/docs/docs.js", Map.of()).getBody();
        assertTrue(init.contains("SwaggerUIBundle") && init.contains("validatorUrl: null"), init);
        assertEquals(404, call("/docs/swagger-ui-es-bundle.js", Map.of()).getStatusCode(), "only the files the page uses");
        assertTrue(new String(call("/docs/swagger-ui-bundle.js.LICENSE.txt", Map.of()).getBody().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8).length() > 100, "the bundle's licence notices travel with it");
    }
}
