package dev.gleaner.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gleaner.api.ApiDispatcher;
import dev.gleaner.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local stand-in for API Gateway: every HTTP request becomes the proxy event AWS would send
 * and goes to the same handler classes through {@link ApiDispatcher}.
 */
public final class ApiHttpServer implements AutoCloseable {
    static {
        // Without TCP_NODELAY every small answer waits ~40 ms for the client's delayed ACK. The JDK
        // server reads this property once, before its first server: set it here, ahead of any.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** API Gateway's own payload limit is 10 MB; anything larger is refused before it is read whole. */
    private static final int MAX_READ_BYTES = 10 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;
    private final ApiDispatcher dispatcher;
    private final StaticRoutes staticRoutes = new StaticRoutes();

    public ApiHttpServer(String host, int port, ApiDispatcher dispatcher) throws IOException {
        this.dispatcher = dispatcher;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        this.threads = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "api-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
            if (method.equals("OPTIONS")) {
                // CORS preflight, answered by API Gateway itself on AWS.
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
                exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
                exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, X-Api-Key");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, Json.write(Map.of("error", "the request body is larger than 10 MB")), Map.of());
                return;
            }
            URI uri = exchange.getRequestURI();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
            String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
            APIGatewayProxyResponseEvent response = staticRoutes.handle(method, path, query(uri.getRawQuery()), headers, sourceIp)
                    .orElseGet(() -> dispatcher.dispatch(method, path, query(uri.getRawQuery()), headers,
                            body.length == 0 ? null : new String(body, StandardCharsets.UTF_8), false, sourceIp));
            // API Gateway turns a base64 body (isBase64Encoded) back into bytes; so does this server.
            byte[] out = response.getBody() == null ? new byte[0] : Boolean.TRUE.equals(response.getIsBase64Encoded())
                    ? java.util.Base64.getDecoder().decode(response.getBody()) : response.getBody().getBytes(StandardCharsets.UTF_8);
            send(exchange, response.getStatusCode(), out, response.getHeaders() == null ? Map.of() : response.getHeaders());
        } catch (RuntimeException e) {
            send(exchange, 500, Json.write(Map.of("error", "internal error in the local runner")), Map.of());
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_READ_BYTES) {
                return null;
            }
        }
        return out.toByteArray();
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return q;
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        send(exchange, status, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
