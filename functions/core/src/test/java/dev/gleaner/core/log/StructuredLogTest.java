package dev.gleaner.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StructuredLogTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        StructuredLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        StructuredLog.redirect(null);
        StructuredLog.threshold(StructuredLog.Level.INFO);
        System.clearProperty(LogContext.TRACE_HEADER_PROPERTY);
    }

    private List<JsonNode> lines() throws Exception {
        return LogLines.of(out);
    }

    @Test
    void everyLineCarriesTheInvocationsFields() throws Exception {
        System.setProperty(LogContext.TRACE_HEADER_PROPERTY, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        try (LogContext.Scope s = LogContext.invocation("gleaner-CollectBatchFunction-AbC", "8f1c-req")) {
            LogContext.put(LogContext.TASK_ID, "task-1");
            LogContext.put(LogContext.PLATFORM, "naver");
            LogContext.put(LogContext.CATEGORY, "38");
            LogContext.put(LogContext.BATCH, 4);
            StructuredLog.info("batch collected", Map.of("posts", 72));
            StructuredLog.warn("source failed", null, new IllegalStateException("HTTP 503"));
        }
        StructuredLog.info("after the invocation", Map.of());
        List<JsonNode> lines = lines();
        assertEquals(3, lines.size());
        JsonNode first = lines.get(0);
        Instant.parse(first.get("timestamp").asText());
        assertEquals("INFO", first.get("level").asText());
        assertEquals("batch collected", first.get("message").asText());
        assertEquals("gleaner-CollectBatchFunction-AbC", first.get("function").asText());
        assertEquals("8f1c-req", first.get("request_id").asText());
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", first.get("xray_trace_id").asText());
        assertEquals("task-1", first.get("task_id").asText());
        assertEquals("naver", first.get("platform").asText());
        assertEquals("38", first.get("category").asText());
        assertEquals(4, first.get("batch").asInt());
        assertEquals(72, first.get("posts").asInt());
        JsonNode second = lines.get(1);
        assertEquals("WARN", second.get("level").asText());
        assertEquals("java.lang.IllegalStateException", second.get("error_type").asText());
        assertEquals("HTTP 503", second.get("error_message").asText());
        assertEquals("task-1", second.get("task_id").asText());
        assertFalse(lines.get(2).has("task_id"), "the invocation's fields end with it");
        assertFalse(lines.get(2).has("request_id"));
    }

    @Test
    void anExplicitTaskIdWinsAndNestedScopesRestore() throws Exception {
        try (LogContext.Scope outer = LogContext.invocation("outer", "r1")) {
            LogContext.put(LogContext.TASK_ID, "a");
            try (LogContext.Scope inner = LogContext.invocation("inner", "r2")) {
                StructuredLog.info("inner", "b", Map.of());
            }
            StructuredLog.info("outer", Map.of());
        }
        List<JsonNode> lines = lines();
        assertEquals("b", lines.get(0).get("task_id").asText());
        assertEquals("inner", lines.get(0).get("function").asText());
        assertEquals("a", lines.get(1).get("task_id").asText());
        assertEquals("outer", lines.get(1).get("function").asText());
    }

    @Test
    void linesBelowTheThresholdAreDropped() throws Exception {
        StructuredLog.threshold(StructuredLog.level("warn"));
        StructuredLog.info("quiet", Map.of());
        StructuredLog.warn("loud", Map.of());
        List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        assertEquals("loud", lines.get(0).get("message").asText());
        assertEquals(StructuredLog.Level.INFO, StructuredLog.level("nonsense"));
    }

    @Test
    void traceIdsAreTheRootOfTheHeader() {
        assertEquals("1-a-b", LogContext.traceId("Root=1-a-b;Parent=c;Sampled=0"));
        assertEquals("1-a-b", LogContext.traceId("Parent=c; Root=1-a-b"));
        assertNull(LogContext.traceId("Parent=c"));
        assertNull(LogContext.traceId(null));
        assertNull(LogContext.traceId(""));
        try (LogContext.Scope s = LogContext.invocation("f", null)) {
            assertTrue(!LogContext.fields().containsKey(LogContext.REQUEST_ID));
        }
    }
}
