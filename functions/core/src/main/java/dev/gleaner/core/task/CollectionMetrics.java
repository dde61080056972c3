package dev.gleaner.core.task;

import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.Dimension;
import dev.gleaner.core.metrics.FailureCause;
import dev.gleaner.core.metrics.Metric;
import dev.gleaner.core.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A collection's life cycle as metrics and log lines: started, and how it ended. Each path that
 * moves a task to a final status calls {@link #ended} once its conditional write succeeded, so
 * every task counts exactly once whichever path finished it.
 */
public final class CollectionMetrics {
    private CollectionMetrics() {}

    public static void started(CollectionTask task) {
        run(task, "collection started");
    }

    /**
     * A failed or cancelled collection taken up again ({@code POST …/task/{id}/resume}): a new run,
     * counted in {@link Metric#COLLECTIONS_STARTED} like the first, as it ends again through
     * {@link #ended}.
     */
    public static void resumed(CollectionTask task) {
        run(task, "collection resumed");
    }

    private static void run(CollectionTask task, String message) {
        LogContext.put(LogContext.TASK_ID, task.id());
        LogContext.put(LogContext.PLATFORM, task.platform().id());
        Metrics.with(Dimension.PLATFORM, task.platform().id()).count(Metric.COLLECTIONS_STARTED).emit();
        StructuredLog.info(message, task.id(), Map.of("target_date", String.valueOf(task.request().targetDate()),
                "execution", String.valueOf(task.execution())));
    }

    /**
     * @param finished the task as the final write left it
     * @param cause why it failed (ignored unless its status is failed)
     */
    public static void ended(CollectionTask finished, FailureCause cause) {
        String platform = finished.platform().id();
        LogContext.put(LogContext.PLATFORM, platform);
        Metrics.Builder m = Metrics.with(Dimension.PLATFORM, platform);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", finished.status().wire());
        fields.put("progress", finished.progress());
        switch (finished.status()) {
            case COMPLETED -> m.count(Metric.COLLECTIONS_COMPLETED);
            case CANCELLED -> m.count(Metric.COLLECTIONS_CANCELLED);
            case FAILED -> {
                m.with(Dimension.CAUSE, cause.value()).count(Metric.COLLECTIONS_FAILED);
                fields.put("cause", cause.value());
                fields.put("error", finished.error());
            }
            default -> {
                return; // not final: nothing ended
            }
        }
        m.emit();
        StructuredLog.info("collection " + finished.status().wire(), finished.id(), fields);
    }
}
