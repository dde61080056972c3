package dev.gleaner.core.log;

import dev.gleaner.core.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line, which Lambda forwards to CloudWatch Logs; {@code correlation_id} is
 * the task id where there is one. Callers pass only non-secret values: request bodies, cookies and
 * tokens are never logged.
 */
public final class StructuredLog {
    private static volatile PrintStream out = System.err;

    private StructuredLog() {}

    public static void info(String message, String correlationId, Map<String, ?> fields) {
        write("INFO", message, correlationId, fields, null);
    }

    public static void warn(String message, String correlationId, Throwable error) {
        write("WARN", message, correlationId, Map.of(), error);
    }

    public static void error(String message, String correlationId, Throwable error) {
        write("ERROR", message, correlationId, Map.of(), error);
    }

    /** Redirects output (tests capture it to prove no secret is ever logged). */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    private static void write(String level, String message, String correlationId, Map<String, ?> fields, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        line.put("correlation_id", correlationId);
        line.putAll(fields);
        if (error != null) {
            line.put("error_type", error.getClass().getName());
            line.put("error_message", error.getMessage());
            StackTraceElement[] trace = error.getStackTrace();
            line.put("at", trace.length > 0 ? trace[0].toString() : null);
        }
        out.println(Json.write(line));
    }
}
