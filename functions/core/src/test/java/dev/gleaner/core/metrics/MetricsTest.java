package dev.gleaner.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.LogLines;
import dev.gleaner.core.log.StructuredLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        StructuredLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        Metrics.sink(Metrics.EMF);
    }

    @AfterEach
    void restore() {
        StructuredLog.redirect(null);
        Metrics.sink(Metrics.EMF);
    }

    private List<JsonNode> lines() throws Exception {
        return LogLines.of(out);
    }

    @Test
    void oneEmissionIsOneEmfDocumentWithOneDirectivePerDimensionLayout() throws Exception {
        try (LogContext.Scope s = LogContext.invocation("CollectBatchFunction", "req-1")) {
            LogContext.put(LogContext.TASK_ID, "t-1");
            Metrics.with(Dimension.PLATFORM, "babitalk").with(Dimension.CATEGORY, "reviews")
                    .add(Metric.POSTS_COLLECTED, 72).add(Metric.NEW_RECORDS, 10).add(Metric.BATCH_DURATION, 1234.5)
                    .add(Metric.POSTS_COLLECTED, 3).emit();
        }
        List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        JsonNode doc = lines.get(0);
        JsonNode aws = doc.get("_aws");
        assertTrue(aws.get("Timestamp").isIntegralNumber());
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertEquals(2, directives.size(), doc.toString());
        JsonNode counts = directives.get(0);
        assertEquals("Gleaner", counts.get("Namespace").asText());
        assertEquals("[[\"Platform\",\"Category\"],[\"Platform\"]]", counts.get("Dimensions").toString());
        assertEquals("[{\"Name\":\"PostsCollected\",\"Unit\":\"Count\"},{\"Name\":\"NewRecords\",\"Unit\":\"Count\"}]",
                counts.get("Metrics").toString());
        assertEquals("[[\"Platform\"]]", directives.get(1).get("Dimensions").toString());
        assertEquals("[{\"Name\":\"BatchDuration\",\"Unit\":\"Milliseconds\"}]", directives.get(1).get("Metrics").toString());
        assertEquals("babitalk", doc.get("Platform").asText());
        assertEquals("reviews", doc.get("Category").asText());
        assertEquals(75, doc.get("PostsCollected").asLong(), "values of the same metric add up");
        assertTrue(doc.get("PostsCollected").isIntegralNumber());
        assertEquals(10, doc.get("NewRecords").asLong());
        assertEquals(1234.5, doc.get("BatchDuration").asDouble());
        assertEquals("t-1", doc.get("task_id").asText());
        assertEquals("req-1", doc.get("request_id").asText());
        assertEquals("CollectBatchFunction", doc.get("function").asText());
    }

    @Test
    void aMetricWithoutDimensionsPublishesAnEmptySet() throws Exception {
        Metrics.plain().count(Metric.SCRAPE_CACHE_HITS).emit();
        JsonNode doc = lines().get(0);
        assertEquals("[[]]", doc.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals(1, doc.get("ScrapeCacheHits").asLong());
    }

    @Test
    void aMetricMissingADimensionIsLeftOutAndSaysSo() throws Exception {
        Metrics.with(Dimension.PLATFORM, "naver").add(Metric.POSTS_COLLECTED, 5).add(Metric.COLLECTIONS_STARTED, 1).emit();
        List<JsonNode> lines = lines();
        JsonNode warning = lines.stream().filter(l -> l.has("level")).findFirst().orElseThrow();
        assertEquals("WARN", warning.get("level").asText());
        assertTrue(warning.get("metrics").toString().contains("PostsCollected needs [CATEGORY]"), warning.toString());
        JsonNode doc = lines.stream().filter(l -> l.has("_aws")).findFirst().orElseThrow();
        assertFalse(doc.has("PostsCollected"));
        assertEquals(1, doc.get("CollectionsStarted").asLong());
        assertFalse(doc.has("Category"));
    }

    @Test
    void dimensionValuesStayPrintableAscii() throws Exception {
        Metrics.with(Dimension.PLATFORM, "naver").with(Dimension.CATEGORY, "자유게시판").count(Metric.POSTS_COLLECTED).emit();
        Metrics.with(Dimension.PLATFORM, "").with(Dimension.CATEGORY, "x".repeat(101)).count(Metric.POSTS_COLLECTED).emit();
        List<JsonNode> lines = lines();
        assertEquals("other", lines.get(0).get("Category").asText());
        assertEquals("unknown", lines.get(1).get("Platform").asText());
        assertEquals("other", lines.get(1).get("Category").asText());
    }

    @Test
    void aFailingSinkNeverFailsTheCaller() throws Exception {
        List<Metrics.Emission> kept = new ArrayList<>();
        Metrics.sink(Metrics.both(e -> {
            throw new IllegalStateException("sink down");
        }, kept::add));
        Metrics.plain().count(Metric.SCRAPES_SUBMITTED).emit();
        assertEquals(1, kept.size(), "the second sink still got it");
        assertTrue(lines().get(0).get("error_message").asText().contains("sink down"));
    }

    @Test
    void concurrentInvocationsKeepTheirOwnDimensionsAndContext() throws Exception {
        List<Metrics.Emission> kept = Collections.synchronizedList(new ArrayList<>());
        Metrics.sink(kept::add);
        CountDownLatch ready = new CountDownLatch(8);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String platform = "p" + i;
            Thread t = new Thread(() -> {
                try (LogContext.Scope s = LogContext.invocation("f", "req-" + platform)) {
                    LogContext.put(LogContext.TASK_ID, "task-" + platform);
                    Metrics.Builder b = Metrics.with(Dimension.PLATFORM, platform);
                    ready.countDown();
                    ready.await();
                    b.add(Metric.COLLECTIONS_STARTED, 1).emit();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        Set<String> seen = new HashSet<>();
        for (Metrics.Emission e : kept) {
            String p = e.dimensions().get(Dimension.PLATFORM);
            assertEquals("task-" + p, e.properties().get("task_id"));
            assertEquals(1.0, e.values().get(Metric.COLLECTIONS_STARTED));
            seen.add(p);
        }
        assertEquals(8, seen.size());
    }

    @Test
    void theTableIsConsistent() {
        Set<String> names = new HashSet<>();
        Set<String> prometheus = new HashSet<>();
        for (Metric m : Metric.values()) {
            assertTrue(names.add(m.metricName()), "duplicate name " + m.metricName());
            assertTrue(prometheus.add(m.prometheusName()), "duplicate Prometheus name " + m.prometheusName());
            assertTrue(m.metricName().matches("[A-Z][A-Za-z]+"), m.metricName());
            assertTrue(m.prometheusName().matches("gleaner_[a-z_]+"), m.prometheusName());
            assertFalse(m.dimensionSets().isEmpty(), m + " has no dimension set");
            assertEquals(m, Metric.byName(m.metricName()).orElseThrow());
            assertFalse(m.metricName().toLowerCase().contains("coldstart"), "Lambda already shows cold starts");
        }
        assertEquals("gleaner_collections_started", Metric.COLLECTIONS_STARTED.prometheusName());
        assertEquals("gleaner_batch_duration_milliseconds", Metric.BATCH_DURATION.prometheusName());
        assertEquals("gleaner_slot_wait_seconds", Metric.SLOT_WAIT_TIME.prometheusName());
    }
}
