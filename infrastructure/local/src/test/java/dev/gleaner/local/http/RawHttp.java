package dev.gleaner.local.http;

import dev.gleaner.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP over a plain socket, for requests no client library would send: the bytes go out as given,
 * the output is closed, and whatever comes back before the deadline is parsed.
 */
public final class RawHttp {
    /** What came back: the status line's code, the headers (lower-case names), the body. */
    public record Answer(int status, Map<String, String> headers, String body, long millis) {
        public JsonNode json() {
            try {
                return Json.parse(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private RawHttp() {}

    public static Answer send(int port, byte[] request, Duration deadline) throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) deadline.toMillis());
            s.setSoTimeout((int) deadline.toMillis());
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            s.shutdownOutput();
            byte[] raw = readAll(s.getInputStream(), t0 + deadline.toNanos());
            return parse(raw, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    public static Answer send(int port, String request, Duration deadline) throws IOException {
        return send(port, request.getBytes(StandardCharsets.UTF_8), deadline);
    }

    /** Reads until the server closes, or until one complete response (Content-Length) has arrived. */
    static byte[] readAll(InputStream in, long deadlineNanos) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (true) {
            if (System.nanoTime() > deadlineNanos) {
                throw new SocketTimeoutException("no complete answer before the deadline; got: "
                        + out.toString(StandardCharsets.ISO_8859_1));
            }
            int n;
            try {
                n = in.read(buf);
            } catch (SocketException reset) {
                if (out.size() > 0) {
                    return out.toByteArray();
                }
                throw reset;
            }
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buf, 0, n);
            if (complete(out.toByteArray())) {
                return out.toByteArray();
            }
        }
    }

    /** Interim 1xx answers (100 Continue) come before the real one: skipped. */
    private static String skipInterim(String text) {
        while (text.matches("(?s)HTTP/1\\.\\d 1\\d\\d.*") && text.contains("\r\n\r\n")) {
            text = text.substring(text.indexOf("\r\n\r\n") + 4);
        }
        return text;
    }

    private static boolean complete(byte[] raw) {
        String text = skipInterim(new String(raw, StandardCharsets.ISO_8859_1));
        if (text.matches("(?s)HTTP/1\\.\\d 1\\d\\d.*")) {
            return false;
        }
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).trim());
                return text.length() >= end + 4 + length;
            }
        }
        return false;
    }

    static Answer parse(byte[] raw, long millis) {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        String text = skipInterim(all);
        raw = Arrays.copyOfRange(raw, all.length() - text.length(), raw.length);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new AssertionError("not an HTTP/1.x answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), millis);
    }
}
