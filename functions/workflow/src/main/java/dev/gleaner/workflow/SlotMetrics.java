package dev.gleaner.workflow;

import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.Dimension;
import dev.gleaner.core.metrics.Metric;
import dev.gleaner.core.metrics.Metrics;
import dev.gleaner.core.task.CollectionTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The running slots as metrics: how many are held (sampled at every acquire attempt and release, so
 * that a full, waiting queue keeps reporting) and how long a collection waited for its slot.
 */
public final class SlotMetrics {
    private SlotMetrics() {}

    public static void inUse(int holders) {
        Metrics.plain().add(Metric.SLOTS_IN_USE, holders).emit();
    }

    /** A pending task took a slot: its wait since it was queued, and the slots now held. */
    public static void acquired(CollectionTask task, Instant queuedAt, Instant now, int holders) {
        double waited = Math.max(0, Duration.between(queuedAt, now).toMillis() / 1000.0);
        Metrics.with(Dimension.PLATFORM, task.platform().id()).add(Metric.SLOT_WAIT_TIME, waited).emit();
        inUse(holders);
        StructuredLog.info("slot acquired", task.id(), Map.of("waited_seconds", waited, "slots_in_use", holders));
    }
}
