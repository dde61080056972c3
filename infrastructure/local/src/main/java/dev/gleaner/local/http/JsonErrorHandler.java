package dev.gleaner.local.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error Jetty answers by itself (a request line or header it cannot parse, a bad
 * Content-Length, a URI it refuses, headers over the limit, HTTP/0.9, TLS or random bytes on the
 * plain port...) gets the API's JSON error shape instead of Jetty's HTML page, whatever the method
 * and the Accept header. Jetty's own message is kept (it says what was wrong); stack traces never.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String message = (String) request.getAttribute(ERROR_MESSAGE);
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            if (message == null) {
                message = http.getReason();
            }
            if (status == 501 || status == 505) {
                // Jetty's "not implemented" transfer codings and versions: what the client sent, so a 4xx.
                message = HttpStatus.getMessage(status) + (message == null || message.equals(HttpStatus.getMessage(status))
                        ? "" : ": " + message);
                status = 400;
            }
        }
        if (status < 400 || status > 599) {
            status = 500;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        byte[] body = ApiHttpServer.errorJson(describe(status, message), null).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiHttpServer.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** "Bad Request: Illegal character ... (the request is not well-formed HTTP/1.1)". */
    static String describe(int status, String message) {
        String reason = HttpStatus.getMessage(status);
        String detail = message == null || message.isBlank() || message.equalsIgnoreCase(reason) ? null : clean(message);
        String hint = switch (status) {
            case 400 -> "the request is not well-formed HTTP/1.1; this server speaks HTTP/1.1 (and 1.0)";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the request is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            default -> null;
        };
        StringBuilder b = new StringBuilder(reason == null ? "HTTP " + status : reason);
        if (detail != null) {
            b.append(": ").append(detail);
        }
        if (hint != null) {
            b.append(" (").append(hint).append(')');
        }
        return b.toString();
    }

    /** Printable ASCII, bounded; an exception's class name is not a message. */
    private static String clean(String message) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < message.length() && b.length() < 200; i++) {
            char c = message.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        String s = b.toString();
        return s.startsWith("java.") || s.startsWith("org.eclipse.") ? "malformed request" : s;
    }
}
