package dev.gleaner.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import dev.gleaner.api.Endpoints;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the REST API (payload v1) proxy event that API Gateway would send for a request, so the
 * local runner and the tests drive the handlers exactly as AWS does.
 *
 * <p>It ships in the Lambda jar on purpose: SnapStart priming ({@link ApiHandler#prime()}) runs
 * each function's own route on such an event before the snapshot, so the event classes and the
 * request parsing are loaded then rather than on the first real request. The local runner's
 * dispatcher ({@code dev.gleaner.local.http.ApiDispatcher}) uses the same builder.
 */
public final class GatewayEvents {
    public static final String STAGE = "local";

    private GatewayEvents() {}

    public static APIGatewayProxyRequestEvent request(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, String body, boolean base64, Endpoints.Match match, String sourceIp) {
        return request(method, path, query, headers, body, base64, match.found() ? match.endpoint().path() : path,
                match.pathParameters(), sourceIp);
    }

    /**
     * The same for any resource of the REST API (the static routes of {@code WebRoutes} too).
     *
     * @param resource the API Gateway resource path, with {@code {name}} parameters
     * @param pathParameters the values of those parameters (empty for none)
     */
    public static APIGatewayProxyRequestEvent request(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, String body, boolean base64, String resource,
            Map<String, String> pathParameters, String sourceIp) {
        Map<String, String> singleQuery = last(query);
        Map<String, String> singleHeaders = last(headers);
        ProxyRequestContext context = new ProxyRequestContext()
                .withRequestId(UUID.randomUUID().toString())
                .withStage(STAGE)
                .withHttpMethod(method)
                .withResourcePath(resource)
                .withPath("/" + STAGE + path)
                .withAccountId("000000000000")
                .withApiId("local")
                .withProtocol("HTTP/1.1")
                .withRequestTimeEpoch(Instant.now().toEpochMilli())
                .withIdentity(new RequestIdentity().withSourceIp(sourceIp)
                        .withUserAgent(singleHeaders == null ? null : singleHeaders.get("User-Agent")));
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withResource(resource)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withQueryStringParameters(singleQuery)
                .withMultiValueQueryStringParameters(query == null || query.isEmpty() ? null : query)
                .withHeaders(singleHeaders)
                .withMultiValueHeaders(headers == null || headers.isEmpty() ? null : headers)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(context);
    }

    /** API Gateway's single-value maps keep the last value of a repeated key; absent maps are null. */
    private static Map<String, String> last(Map<String, List<String>> multi) {
        if (multi == null || multi.isEmpty()) {
            return null;
        }
        Map<String, String> single = new LinkedHashMap<>();
        multi.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                single.put(k, v.get(v.size() - 1));
            }
        });
        return single;
    }
}
