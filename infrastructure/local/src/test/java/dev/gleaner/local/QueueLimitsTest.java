package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.workflow.QueueLimits;
import dev.gleaner.local.workflow.LocalWorkflow;
import org.junit.jupiter.api.Test;

/**
 * The slot lease against the deployed definition: a healthy collection writes progress at least
 * once per lease, even when every CollectBatch attempt runs to its time-out and every retry waits
 * as long as its retrier allows. (A source's long back-off renews the lease for its own length.)
 */
class QueueLimitsTest {
    @Test
    void theLeaseOutlastsTheWorstGapBetweenTwoProgressWrites() throws Exception {
        JsonNode collect = Json.parse(LocalWorkflow.definitionText()).path("States").path("CollectCategories")
                .path("ItemProcessor").path("States").path("CollectBatch");
        long timeout = collect.path("TimeoutSeconds").asLong();
        assertTrue(timeout > 0, "CollectBatch has a TimeoutSeconds");
        long attempts = 1;
        double delays = 0;
        for (JsonNode r : collect.path("Retry")) {
            long max = r.path("MaxAttempts").asLong(3);
            double interval = r.path("IntervalSeconds").asDouble(1);
            double rate = r.path("BackoffRate").asDouble(2);
            double cap = r.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE);
            attempts += max;
            for (int n = 1; n <= max; n++) {
                delays += Math.min(interval * Math.pow(rate, n - 1), cap);
            }
        }
        double worst = attempts * timeout + delays;
        assertTrue(QueueLimits.LEASE.getSeconds() > worst, "lease " + QueueLimits.LEASE + " vs the worst gap of "
                + (long) worst + " s (" + attempts + " attempts of " + timeout + " s, " + (long) delays + " s of retry delays)");
    }
}
