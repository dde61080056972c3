package dev.gleaner.core.log;

import dev.gleaner.core.config.Env;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The fields every log line (and every metric document) of one invocation carries: the function,
 * the Lambda request id, the X-Ray trace id where there is one, and what the code learns as it
 * goes (the task id, a workflow step's platform, category and batch). Kept per thread, because
 * the local runner runs many invocations at once in one JVM; each handler opens a fresh context
 * when an invocation starts and closes it when it ends.
 *
 * <p>Only non-secret values belong here: ids, platform and category keys, counts.
 */
public final class LogContext {
    /** The function: its name on Lambda (from the invocation context), its template logical id locally. */
    public static final String FUNCTION = "function";
    /** The Lambda request id of the invocation (locally a generated one). */
    public static final String REQUEST_ID = "request_id";
    /** The X-Ray trace id ({@code 1-…-…}), present on AWS where tracing is active. */
    public static final String TRACE_ID = "xray_trace_id";
    /** API Gateway's own request id (the one in access logs and in a 500's message). */
    public static final String API_REQUEST_ID = "api_request_id";
    /** The collection task's or the scrape task's id: one field, so one query finds a task's lines. */
    public static final String TASK_ID = "task_id";
    public static final String PLATFORM = "platform";
    public static final String CATEGORY = "category";
    /** A workflow step's batch within its category: 1 for the first CollectBatch call, then 2, … */
    public static final String BATCH = "batch";

    /** The system property the Java Lambda runtime sets to the invocation's trace header. */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    private static final ThreadLocal<Map<String, Object>> CURRENT = ThreadLocal.withInitial(LinkedHashMap::new);

    private LogContext() {}

    /** Closes an invocation's context, giving the thread back the context it had before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts an invocation's context on this thread, replacing whatever the thread had (restored
     * on {@link Scope#close()}): function, request id and the current trace id.
     */
    public static Scope invocation(String function, String requestId) {
        Map<String, Object> previous = CURRENT.get();
        Map<String, Object> fresh = new LinkedHashMap<>();
        putIfPresent(fresh, FUNCTION, function);
        putIfPresent(fresh, REQUEST_ID, requestId);
        putIfPresent(fresh, TRACE_ID, traceId(System.getProperty(TRACE_HEADER_PROPERTY, System.getenv(Env.AMZN_TRACE_ID))));
        CURRENT.set(fresh);
        return () -> CURRENT.set(previous);
    }

    /**
     * {@link #invocation(String, String)} for a handler: the function and request id from Lambda's
     * context when there is one, else (the local runner, tests) the function's logical id and a
     * generated request id.
     */
    public static Scope invocation(String function, String requestId, String logicalId) {
        return invocation(function == null || function.isBlank() ? logicalId : function,
                requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId);
    }

    /** Adds (or replaces) a field for the rest of the invocation; a null value removes it. */
    public static void put(String key, Object value) {
        if (value == null) {
            CURRENT.get().remove(key);
        } else {
            CURRENT.get().put(key, value);
        }
    }

    /** The current fields, in the order they were added. */
    public static Map<String, Object> fields() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(CURRENT.get()));
    }

    public static Object get(String key) {
        return CURRENT.get().get(key);
    }

    /** The {@code Root} of an X-Ray trace header ({@code Root=1-…;Parent=…;Sampled=1}), or null. */
    static String traceId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith("Root=") && p.length() > 5) {
                return p.substring(5);
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value);
        }
    }
}
