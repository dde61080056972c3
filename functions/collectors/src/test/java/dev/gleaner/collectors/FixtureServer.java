package dev.gleaner.collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A loopback HTTP server replaying recorded responses. Routes match method, path and chosen query
 * parameters (the most specific match wins, then the latest registered); each route replays its responses in order and repeats the
 * last one. Every request is recorded (headers included) for assertions; unmatched ones get 599.
 */
public final class FixtureServer implements AutoCloseable {
    public record Recorded(String method, URI uri, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public String path() {
            return uri.getPath();
        }

        public String query(String name) {
            return FixtureServer.query(uri.getRawQuery()).get(name);
        }
    }

    public static final class Response {
        final int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        final byte[] body;
        boolean gzip;
        long stallBeforeHeadersMillis;
        long stallMidBodyMillis;

        Response(int status, byte[] body) {
            this.status = status;
            this.body = body;
        }
    }

    public final class Route {
        final String method;
        final String path;
        final Map<String, String> params = new LinkedHashMap<>();
        final Deque<Response> responses = new ArrayDeque<>();
        Response last;

        Route(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Route query(String name, Object value) {
            params.put(name, String.valueOf(value));
            return this;
        }

        public Route reply(int status, String body) {
            last = new Response(status, body.getBytes(StandardCharsets.UTF_8));
            last.headers.put("Content-Type", body.startsWith("<") ? "text/html; charset=utf-8" : "application/json; charset=utf-8");
            responses.add(last);
            return this;
        }

        public Route fixture(String resource) {
            return reply(200, Fixtures.read(resource));
        }

        public Route fixture(int status, String resource) {
            return reply(status, Fixtures.read(resource));
        }

        /** Adds a header to the response added last. */
        public Route header(String name, String value) {
            last.headers.put(name, value);
            return this;
        }

        /** The response added last answers nothing for this long (a server that hangs). */
        public Route stallBeforeHeaders(Duration d) {
            last.stallBeforeHeadersMillis = d.toMillis();
            return this;
        }

        /** The response added last sends its headers and half its body, then hangs. */
        public Route stallMidBody(Duration d) {
            last.stallMidBodyMillis = d.toMillis();
            return this;
        }

        /** Serves the response added last gzip-compressed. */
        public Route gzip() {
            last.gzip = true;
            return this;
        }

        boolean matches(String m, String p, Map<String, String> q) {
            if (!method.equals(m) || !path.equals(p)) {
                return false;
            }
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (!e.getValue().equals(q.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        synchronized Response next() {
            return responses.size() > 1 ? responses.poll() : responses.peek();
        }
    }

    private final HttpServer server;
    private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
    private final List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>());
    private final List<Recorded> unmatched = Collections.synchronizedList(new ArrayList<>());

    private FixtureServer(HttpServer server) {
        this.server = server;
    }

    public static FixtureServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FixtureServer fs = new FixtureServer(s);
            s.createContext("/", fs::handle);
            s.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fixture-server");
                t.setDaemon(true);
                return t;
            }));
            s.start();
            return fs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Route on(String method, String path) {
        Route r = new Route(method, path);
        routes.add(r);
        return r;
    }

    public List<Recorded> requests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    public List<Recorded> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    public List<Recorded> unmatched() {
        synchronized (unmatched) {
            return List.copyOf(unmatched);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] in = ex.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Recorded rec = new Recorded(ex.getRequestMethod(), ex.getRequestURI(), headers, new String(in, StandardCharsets.UTF_8));
            recorded.add(rec);
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            Route route = null;
            synchronized (routes) {
                // the most specific route wins; among equals, the one registered last (so a test can override)
                for (Route r : routes) {
                    if (r.matches(ex.getRequestMethod(), ex.getRequestURI().getPath(), q)
                            && (route == null || r.params.size() >= route.params.size())) {
                        route = r;
                    }
                }
            }
            Response resp = route == null ? null : route.next();
            if (resp == null) {
                unmatched.add(rec);
                send(ex, new Response(599, ("no fixture for " + ex.getRequestURI()).getBytes(StandardCharsets.UTF_8)));
                return;
            }
            send(ex, resp);
        }
    }

    private static void send(HttpExchange ex, Response r) throws IOException {
        pause(r.stallBeforeHeadersMillis);
        byte[] body = r.body;
        r.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (r.gzip) {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
                gz.write(body);
            }
            body = bo.toByteArray();
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        ex.sendResponseHeaders(r.status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                if (r.stallMidBodyMillis > 0) {
                    os.write(body, 0, body.length / 2);
                    os.flush();
                    pause(r.stallMidBodyMillis);
                    os.write(body, body.length / 2, body.length - body.length / 2);
                } else {
                    os.write(body);
                }
            } catch (IOException e) {
                // the client gave up on a stalled response
            }
        }
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Test fixtures on the classpath under {@code fixtures/}. */
    public static final class Fixtures {
        private Fixtures() {}

        public static String read(String resource) {
            try (InputStream in = FixtureServer.class.getClassLoader().getResourceAsStream("fixtures/" + resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no fixture " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
