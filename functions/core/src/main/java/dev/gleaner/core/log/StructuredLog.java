package dev.gleaner.core.log;

import dev.gleaner.core.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one logging path: one JSON object per line, {@code timestamp} (RFC 3339), {@code level},
 * {@code message}, then the invocation's {@link LogContext} fields (function, request id, trace
 * id, task id, platform, category, batch), then the call's own fields. On Lambda the lines go to
 * standard output, which the function's JSON log format keeps as they are (a line that is already
 * a JSON object is not wrapped again) and filters by {@code level}; the local runner sends the
 * same lines to its console.
 *
 * <p>Callers pass only non-secret values: request bodies, cookies, tokens and proxy URLs are never
 * logged, and an exception is logged as its class and message (our messages never carry secrets).
 */
public final class StructuredLog {
    /** Levels as Lambda's log-level filtering reads them. */
    public enum Level {
        DEBUG, INFO, WARN, ERROR
    }

    /** Null: whatever {@code System.out} is at the time of writing. */
    private static volatile PrintStream out;
    private static volatile Level threshold = Level.INFO;

    private StructuredLog() {}

    /**
     * @param taskId the task the line is about (overrides the context's {@code task_id}); null keeps the context's
     */
    public static void info(String message, String taskId, Map<String, ?> fields) {
        write(Level.INFO, message, taskId, fields, null);
    }

    public static void info(String message, Map<String, ?> fields) {
        write(Level.INFO, message, null, fields, null);
    }

    public static void warn(String message, String taskId, Throwable error) {
        write(Level.WARN, message, taskId, Map.of(), error);
    }

    public static void warn(String message, Map<String, ?> fields) {
        write(Level.WARN, message, null, fields, null);
    }

    public static void error(String message, String taskId, Throwable error) {
        write(Level.ERROR, message, taskId, Map.of(), error);
    }

    /** Where every line (log and metric) goes: standard output unless redirected (the local runner, tests). */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    public static PrintStream output() {
        PrintStream o = out;
        return o == null ? System.out : o;
    }

    /** Lines below this level are dropped here (on Lambda the function's ApplicationLogLevel filters too). */
    public static void threshold(Level level) {
        threshold = level;
    }

    /** Parses a level name such as {@code info} or {@code WARN}; INFO for anything else. */
    public static Level level(String name) {
        if (name != null) {
            try {
                return Level.valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through
            }
        }
        return Level.INFO;
    }

    /** Writes one line that is already a JSON object (a metric document), whatever the threshold. */
    public static void raw(String jsonLine) {
        output().println(jsonLine);
    }

    private static void write(Level level, String message, String taskId, Map<String, ?> fields, Throwable error) {
        if (level.compareTo(threshold) < 0) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level.name());
        line.put("message", message);
        line.putAll(LogContext.fields());
        if (taskId != null) {
            line.put(LogContext.TASK_ID, taskId);
        }
        line.putAll(fields);
        if (error != null) {
            line.put("error_type", error.getClass().getName());
            line.put("error_message", error.getMessage());
            StackTraceElement[] trace = error.getStackTrace();
            line.put("at", trace.length > 0 ? trace[0].toString() : null);
        }
        output().println(Json.write(line));
    }
}
