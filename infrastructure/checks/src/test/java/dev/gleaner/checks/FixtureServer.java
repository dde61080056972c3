package dev.gleaner.checks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The outside world the functions talk to, on loopback: a Babitalk API page, two shop pages (one
 * product, one that is always busy) and a callback receiver that keeps what it was sent.
 */
final class FixtureServer implements AutoCloseable {
    static final String REVIEWS_PATH = "/v2/reviews";
    static final String PRODUCT_PATH = "/shop/products/linen-shirt";
    static final String BUSY_PATH = "/shop/products/busy";
    static final String HOOK_PATH = "/hooks/collections";

    /** A request the callback receiver got. */
    record Received(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> callbacks = new CopyOnWriteArrayList<>();

    FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** http://127.0.0.1:PORT, what the collectors' *_URL variables take. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String path) {
        return origin() + path;
    }

    List<Received> callbacks() {
        return List.copyOf(callbacks);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            switch (path) {
                case REVIEWS_PATH -> send(ex, 200, "application/json", resource("fixtures/babitalk-reviews.json"));
                case PRODUCT_PATH -> send(ex, 200, "text/html; charset=utf-8", resource("fixtures/product.html"));
                case BUSY_PATH -> send(ex, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
                case HOOK_PATH -> {
                    callbacks.add(new Received(path, Map.copyOf(ex.getRequestHeaders()),
                            new String(body, StandardCharsets.UTF_8)));
                    send(ex, 204, "text/plain", new byte[0]);
                }
                default -> send(ex, 404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            ex.close();
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = FixtureServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
