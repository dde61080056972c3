package dev.gleaner.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback stand-in for Gangnam Unni's community search serving pre-generated pages: a minimal
 * HTTP/1.1 server (keep-alive, TCP_NODELAY, each answer written at once) doing no work per request
 * beyond a lookup, optionally after a fixed latency per page, so that "the source alone" costs only
 * what serving pages costs. Anything but a known {@code GET /api/solar/search/document} page is a 404.
 */
final class PageServer implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "page-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<CommunityPages> pages = new AtomicReference<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile long latencyMillis;

    PageServer(CommunityPages initial) {
        pages.set(initial);
        try {
            socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    String origin() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Serves another data set from now on (ids of a different range, so nothing is already stored). */
    void serve(CommunityPages next) {
        pages.set(next);
    }

    void latency(long millis) {
        latencyMillis = millis;
    }

    long requests() {
        return requests.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                threads.execute(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024)) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                long contentLength = 0;
                boolean close = false;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    String lower = h.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        contentLength = Long.parseLong(lower.substring(15).trim());
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        close = true;
                    }
                }
                in.skipNBytes(contentLength);
                requests.incrementAndGet();
                String[] parts = requestLine.split(" ");
                byte[] body = null;
                if (parts.length == 3 && parts[0].equals("GET")) {
                    URI uri = URI.create(parts[1]);
                    if (CommunityPages.PATH.equals(uri.getPath())) {
                        body = pages.get().page(query(uri.getRawQuery()));
                    }
                }
                if (latencyMillis > 0) {
                    Thread.sleep(latencyMillis);
                }
                int status = body == null ? 404 : 200;
                if (body == null) {
                    body = "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);
                }
                out.write(("HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found")
                        + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + body.length
                        + (close ? "\r\nConnection: close" : "") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // the client went away or sent something that is not HTTP: drop the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One CRLF-terminated header line, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int n = b.size();
                byte[] bytes = b.toByteArray();
                return new String(bytes, 0, n > 0 && bytes[n - 1] == '\r' ? n - 1 : n, StandardCharsets.ISO_8859_1);
            }
            if (b.size() > 16 * 1024) {
                throw new IOException("header line too long");
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return q;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
