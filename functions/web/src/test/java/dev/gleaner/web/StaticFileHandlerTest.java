package dev.gleaner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticFileHandlerTest {
    private final StaticFileHandler handler = new StaticFileHandler();

    private static APIGatewayProxyRequestEvent get(String path, Map<String, String> headers) {
        WebRoutes.Match m = WebRoutes.match(path).orElseThrow();
        return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath(path).withResource(m.route().path())
                .withPathParameters(m.file() == null ? null : Map.of(WebRoutes.PROXY, m.file())).withHeaders(headers);
    }

    private APIGatewayProxyResponseEvent call(String path) {
        return handler.handleRequest(get(path, Map.of()), null);
    }

    @Test
    void theIndexIsHtmlWithAStrictPolicyAndAValidator() {
        APIGatewayProxyResponseEvent r = call("/console");
        assertEquals(200, r.getStatusCode());
        assertEquals("text/html; charset=utf-8", r.getHeaders().get("Content-Type"));
        String csp = r.getHeaders().get("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'none'"), csp);
        assertTrue(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'") && !csp.contains("unsafe"), csp);
        assertEquals("no-cache", r.getHeaders().get("Cache-Control"));
        assertEquals("nosniff", r.getHeaders().get("X-Content-Type-Options"));
        assertTrue(r.getHeaders().get("ETag").matches("\"[A-Za-z0-9_-]{22}\""), r.getHeaders().get("ETag"));
        assertTrue(r.getBody().contains("<script type=\"module\" src=\"console/js/app.js\">"));
        assertFalse(r.getIsBase64Encoded());
    }

    @Test
    void filesHaveTheirContentTypes() {
        assertEquals("text/javascript; charset=utf-8", call("/console/js/app.js").getHeaders().get("Content-Type"));
        assertEquals("text/css; charset=utf-8", call("/console/app.css").getHeaders().get("Content-Type"));
        assertEquals("image/svg+xml; charset=utf-8", call("/console/icon.svg").getHeaders().get("Content-Type"));
        assertEquals("application/octet-stream", StaticFiles.contentType("x.unknown"));
        assertEquals("image/png", StaticFiles.contentType("A.PNG"));
    }

    @Test
    void aMatchingValidatorAnswers304WithoutABody() {
        String etag = call("/console/js/app.js").getHeaders().get("ETag");
        for (String inm : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            APIGatewayProxyResponseEvent r = handler.handleRequest(get("/console/js/app.js", Map.of("if-none-match", inm)), null);
            assertEquals(304, r.getStatusCode(), inm);
            assertNull(r.getBody());
            assertEquals(etag, r.getHeaders().get("ETag"));
        }
        APIGatewayProxyResponseEvent changed = handler.handleRequest(get("/console/js/app.js",
                Map.of("If-None-Match", "\"stale\"")), null);
        assertEquals(200, changed.getStatusCode());
        assertFalse(etag.equals(call("/console/app.css").getHeaders().get("ETag")), "each file its own validator");
    }

    @Test
    void unknownFilesAndTraversalsAreJson404s() {
        for (String path : new String[] {"/console/nope.js", "/console/../pom.xml", "/console/js/../../../etc/passwd",
                "/console/%2e%2e/StaticFiles.class", "/console/dev/gleaner/web/StaticFiles.class"}) {
            APIGatewayProxyResponseEvent r = call(path);
            assertEquals(404, r.getStatusCode(), path);
            assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
            assertTrue(r.getBody().startsWith("{\"error\":"), r.getBody());
        }
        APIGatewayProxyResponseEvent r = handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withResource("/elsewhere").withPath("/elsewhere"), null);
        assertEquals(404, r.getStatusCode());
        assertEquals(404, handler.handleRequest(null, null).getStatusCode());
    }

    @Test
    void onlyGetAndHead() {
        APIGatewayProxyRequestEvent post = get("/console", Map.of()).withHttpMethod("POST");
        APIGatewayProxyResponseEvent r = handler.handleRequest(post, null);
        assertEquals(405, r.getStatusCode());
        assertEquals("GET", r.getHeaders().get("Allow"));
        APIGatewayProxyResponseEvent head = handler.handleRequest(get("/console", Map.of()).withHttpMethod("HEAD"), null);
        assertEquals(200, head.getStatusCode());
        assertNull(head.getBody());
        assertEquals("text/html; charset=utf-8", head.getHeaders().get("Content-Type"));
    }

    @Test
    void aTrailingSlashRedirectsToTheMountSoRelativeLinksResolve() {
        APIGatewayProxyRequestEvent slash = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/console/")
                .withResource("/console");
        APIGatewayProxyResponseEvent r = handler.handleRequest(slash, null);
        assertEquals(308, r.getStatusCode());
        assertEquals("../console", r.getHeaders().get("Location"));
        Map<String, String> empty = new HashMap<>();
        empty.put(WebRoutes.PROXY, "");
        APIGatewayProxyResponseEvent r2 = handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/console/").withResource("/console/{proxy+}").withPathParameters(empty), null);
        assertEquals(308, r2.getStatusCode());
    }

    @Test
    void routesMatchAsApiGatewayWould() {
        assertEquals("/console", WebRoutes.match("/console").orElseThrow().route().path());
        assertNull(WebRoutes.match("/console").orElseThrow().file());
        assertEquals("js/app.js", WebRoutes.match("/console/js/app.js").orElseThrow().file());
        assertEquals("/console/{proxy+}", WebRoutes.match("/console/js/app.js").orElseThrow().route().path());
        assertTrue(WebRoutes.match("/consoles").isEmpty());
        assertTrue(WebRoutes.match("/api/v1/async-collection/tasks").isEmpty());
    }
}
