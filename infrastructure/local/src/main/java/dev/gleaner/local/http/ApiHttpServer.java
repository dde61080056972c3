package dev.gleaner.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.local.metrics.PrometheusMetrics;
import dev.gleaner.api.http.ApiException;
import dev.gleaner.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The local stand-in for API Gateway, on Jetty 12: every HTTP request becomes the proxy event AWS
 * would send and goes to the same handler classes through {@link ApiDispatcher}.
 *
 * <p>Hostile or broken clients cannot stall it. Jetty parses requests without holding a thread
 * (idle, half-sent and slow connections only hold a connection slot), the body is read without
 * blocking too, under a size limit and a deadline, and only a complete request takes one of the
 * bounded pool's threads. Idle connections are closed, the number open at once is capped (see
 * {@link Limits}), and every error, Jetty's own included, is JSON.
 * Before routing, {@link RequestGuard} checks the Host name, the Origin and the API key.
 */
public final class ApiHttpServer implements AutoCloseable {
    static {
        // Jetty warns about every malformed request it refuses (bad authorities, ports, ...): that is
        // hostile or broken input, already answered with a 4xx, not news for the runner's console.
        try {
            Configurator.setLevel("org.eclipse.jetty",
                    Level.ERROR);
        } catch (LinkageError noLog4jCore) {
            // logging is not log4j's here: nothing to quiet
        }
    }

    public static final String JSON = "application/json; charset=utf-8";
    /** API Gateway's own payload limit; the handlers refuse far less (64 KiB) with their own 413. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** Request line plus headers. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    /**
     * How much the server lets clients hold. {@link #DEFAULT} is what the runner uses; tests shorten
     * the timeouts.
     *
     * @param maxThreads threads for requests being handled: a long poll ({@code Prefer: wait}, up to
     *     20 s) holds one for its whole wait, while idle, half-sent and slow connections hold none
     * @param maxConnections connections open at once; more wait in the accept queue
     * @param idleTimeout a connection with no byte in either direction for this long is closed
     *     (not while a handler runs: handlers are bounded on their own)
     * @param bodyTimeout the whole body must have arrived this long after the headers, or 408
     */
    public record Limits(int maxThreads, int maxConnections, Duration idleTimeout, Duration bodyTimeout) {
        public static final Limits DEFAULT = new Limits(200, 1000, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private final Server server;
    private final ServerConnector connector;
    public static final String METRICS_PATH = "/metrics";

    private final ApiDispatcher dispatcher;
    private final RequestGuard guard;
    private final Limits limits;
    private final StaticRoutes staticRoutes = new StaticRoutes();
    /** {@code GET /metrics}: the Prometheus text, or null for no such route. */
    private volatile Supplier<String> metrics;

    /** Serves {@code GET /metrics} from these counters. */
    public ApiHttpServer withMetrics(PrometheusMetrics counters) {
        this.metrics = counters::text;
        return this;
    }

    public ApiHttpServer(String host, int port, ApiDispatcher dispatcher, RequestGuard guard) {
        this(host, port, dispatcher, guard, Limits.DEFAULT);
    }

    public ApiHttpServer(String host, int port, ApiDispatcher dispatcher, RequestGuard guard, Limits limits) {
        this.dispatcher = dispatcher;
        this.guard = guard;
        this.limits = limits;
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 4, 60_000);
        threads.setName("api-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(MAX_HEADER_BYTES);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        // Without TCP_NODELAY every small answer waits ~40 ms for the client's delayed ACK.
        connector.setAcceptedTcpNoDelay(true);
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(new ApiHandler());
        server.setStopTimeout(2_000);
    }

    /** Binds and starts; a port already in use is a {@link BindException}. */
    public void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            close();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException b) {
                    throw b;
                }
            }
            throw e;
        } catch (Exception e) {
            close();
            throw new IOException("the HTTP server did not start: " + e, e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public RequestGuard guard() {
        return guard;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping: nothing left to do with it
        }
    }

    /** {@code {"error": ..., "field": ...}}, the shape of every error the API answers. */
    static String errorJson(String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        return Json.write(body);
    }

    /**
     * Query string → parameters, each decoded. A malformed percent-escape is the client's mistake:
     * 400 naming the parameter (or {@code query} when the name itself is malformed).
     */
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
            String k = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1), k);
            q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return q;
    }

    private static String decode(String s, String field) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "malformed percent-escape in the query string"
                    + (field.equals("query") ? "" : " (parameter " + field + ")") + "; write % as %25", field);
        }
    }

    /** One request: checks, body, dispatch, answer; answered exactly once. */
    private final class Exchange {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final AtomicBoolean answered = new AtomicBoolean();
        private final String method;
        private final String origin;
        private Scheduler.Task deadline;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.method = request.getMethod();
            this.origin = request.getHeaders().get(HttpHeader.ORIGIN);
        }

        void run() {
            try {
                String host = request.getHeaders().get(HttpHeader.HOST);
                RequestGuard.Refusal refusal = guard.checkHost(host).or(() -> guard.checkOrigin(origin, host)).orElse(null);
                if (refusal != null) {
                    answerError(refusal.status(), refusal.error(), refusal.field(), false);
                    return;
                }
                String path = request.getHttpURI().getPath();
                if (path == null || path.isEmpty()) {
                    path = "/";
                }
                if (method.equals("OPTIONS")) {
                    preflight();
                    return;
                }
                if (path.equals(METRICS_PATH) && metrics != null) {
                    metrics();
                    return;
                }
                Map<String, List<String>> query = query(request.getHttpURI().getQuery());
                // The web console (and / locally): no API key, as on AWS; its data calls carry the key.
                Optional<APIGatewayProxyResponseEvent> page = staticRoutes.handle(method, path, query, headers(),
                        Request.getRemoteAddr(request));
                if (page.isPresent()) {
                    answerEvent(page.get());
                    return;
                }
                refusal = guard.checkApiKey(request.getHeaders().get(RequestGuard.API_KEY_HEADER)).orElse(null);
                if (refusal != null) {
                    answerError(refusal.status(), refusal.error(), refusal.field(), false);
                    return;
                }
                long declared = request.getLength();
                if (declared > MAX_BODY_BYTES) {
                    tooLarge();
                    return;
                }
                String finalPath = path;
                if (declared == 0) {
                    dispatch(finalPath, query, new byte[0]);
                    return;
                }
                deadline = request.getComponents().getScheduler().schedule(() -> answerError(408,
                        "the request body did not arrive within " + limits.bodyTimeout().toMillis() + " ms", "body", true),
                        limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
                new BodyReader(body -> dispatch(finalPath, query, body)).run();
            } catch (ApiException e) {
                answerError(e.status(), e.getMessage(), e.field(), false);
            } catch (RuntimeException e) {
                answerError(500, "internal error in the local runner", null, false);
            }
        }

        private void dispatch(String path, Map<String, List<String>> query, byte[] body) {
            if (deadline != null) {
                deadline.cancel();
            }
            if (answered.get()) {
                return;
            }
            APIGatewayProxyResponseEvent r;
            try {
                r = dispatcher.dispatch(method, path, query, headers(),
                        body.length == 0 ? null : new String(body, StandardCharsets.UTF_8), false,
                        Request.getRemoteAddr(request));
            } catch (ApiException e) {
                answerError(e.status(), e.getMessage(), e.field(), false);
                return;
            } catch (RuntimeException e) {
                answerError(500, "internal error in the local runner", null, false);
                return;
            }
            answerEvent(r);
        }

        private Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField f : request.getHeaders()) {
                headers.computeIfAbsent(f.getName(), x -> new ArrayList<>()).add(f.getValue());
            }
            return headers;
        }

        /** A handler's answer as API Gateway sends it: headers, status, body (base64 bodies decoded to bytes). */
        private void answerEvent(APIGatewayProxyResponseEvent r) {
            Map<String, String> out = new LinkedHashMap<>();
            if (r.getMultiValueHeaders() != null) {
                r.getMultiValueHeaders().forEach((k, v) -> out.put(k, String.join(", ", v)));
            }
            if (r.getHeaders() != null) {
                out.putAll(r.getHeaders());
            }
            // CORS is decided here, per request, not by the handlers' deployed default (*).
            out.keySet().removeIf(k -> k.regionMatches(true, 0, "Access-Control-", 0, 15));
            byte[] body = r.getBody() == null ? new byte[0] : Boolean.TRUE.equals(r.getIsBase64Encoded())
                    ? Base64.getDecoder().decode(r.getBody()) : r.getBody().getBytes(StandardCharsets.UTF_8);
            answer(r.getStatusCode() == null ? 500 : r.getStatusCode(), out, body, false);
        }

        /** The same counters as CloudWatch's, for a Prometheus on this machine: no API key, like the console. */
        private void metrics() {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                Map<String, String> h = new LinkedHashMap<>();
                h.put("Content-Type", JSON);
                h.put("Allow", "GET");
                answer(405, h, errorJson("method " + method + " is not allowed on " + METRICS_PATH + "; use GET", null)
                        .getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", PrometheusMetrics.CONTENT_TYPE);
            h.put("Cache-Control", "no-store");
            answer(200, h, method.equals("HEAD") ? new byte[0] : metrics.get().getBytes(StandardCharsets.UTF_8), false);
        }

        /** CORS preflight, answered by API Gateway itself on AWS. Disallowed origins were refused already. */
        private void preflight() {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Allow", "GET, POST, DELETE, OPTIONS");
            if (guard.isAllowedOrigin(origin)) {
                h.put("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
                h.put("Access-Control-Allow-Headers", RequestGuard.ALLOWED_HEADERS);
                h.put("Access-Control-Max-Age", "600");
            }
            answer(204, h, new byte[0], false);
        }

        private void tooLarge() {
            answerError(413, "the request body is larger than " + (MAX_BODY_BYTES / (1024 * 1024))
                    + " MiB, the most this server reads (the API's own limit is 64 KiB)", "body", true);
        }

        void answerError(int status, String message, String field, boolean close) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", JSON);
            answer(status, h, errorJson(message, field).getBytes(StandardCharsets.UTF_8), close);
        }

        private void answer(int status, Map<String, String> headers, byte[] bytes, boolean close) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            if (deadline != null) {
                deadline.cancel();
            }
            try {
                response.setStatus(status);
                headers.forEach((k, v) -> {
                    if (v != null) {
                        response.getHeaders().put(k, v);
                    }
                });
                if (!headers.containsKey("Cache-Control")) {
                    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                }
                if (guard.isAllowedOrigin(origin)) {
                    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, guard.allowOriginValue(origin));
                    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, RequestGuard.EXPOSED_HEADERS);
                    response.getHeaders().add(HttpHeader.VARY, "Origin");
                }
                if (close) {
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                }
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
                response.write(true, ByteBuffer.wrap(bytes), callback);
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        }

        /** Reads the body without holding a thread while waiting for bytes; 413 past the limit. */
        private final class BodyReader implements Runnable {
            private final Consumer<byte[]> done;
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            BodyReader(Consumer<byte[]> done) {
                this.done = done;
            }

            @Override
            public void run() {
                try {
                    while (!answered.get()) {
                        Content.Chunk chunk = request.read();
                        if (chunk == null) {
                            request.demand(this);
                            return;
                        }
                        if (Content.Chunk.isFailure(chunk)) {
                            Throwable failure = chunk.getFailure();
                            answerError(failure instanceof TimeoutException ? 408 : 400,
                                    failure instanceof TimeoutException
                                            ? "the request body stopped arriving for " + limits.idleTimeout().toMillis() + " ms"
                                            : "the request body could not be read (the connection ended early"
                                                    + " or its framing is broken)", "body", true);
                            return;
                        }
                        ByteBuffer b = chunk.getByteBuffer();
                        if (bytes.size() + (long) b.remaining() > MAX_BODY_BYTES) {
                            chunk.release();
                            tooLarge();
                            return;
                        }
                        byte[] part = new byte[b.remaining()];
                        b.get(part);
                        bytes.write(part, 0, part.length);
                        boolean last = chunk.isLast();
                        chunk.release();
                        if (last) {
                            done.accept(bytes.toByteArray());
                            return;
                        }
                    }
                } catch (ApiException e) {
                    answerError(e.status(), e.getMessage(), e.field(), false);
                } catch (RuntimeException e) {
                    answerError(500, "internal error in the local runner", null, false);
                }
            }
        }
    }

    private final class ApiHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            // Idle timeouts end stalled reads and writes; a running handler (a long poll) is bounded on its own.
            request.addIdleTimeoutListener(t -> false);
            new Exchange(request, response, callback).run();
            return true;
        }
    }
}
