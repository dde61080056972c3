package dev.gleaner.local.metrics;

import dev.gleaner.core.config.Env;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.metrics.Metrics;

/**
 * Logs and metrics in the local runner: the same JSON log lines as on AWS (at
 * {@code GLEANER_LOG_LEVEL}, default INFO), and the metrics counted for {@code GET /metrics};
 * with {@code GLEANER_LOG_METRICS=true} the EMF documents CloudWatch would read are logged too.
 * The handlers run in this JVM, so these settings are the process's.
 */
public final class LocalObservability {
    private LocalObservability() {}

    /** Applies the environment's settings and returns the counters the handlers now feed. */
    public static PrometheusMetrics install() {
        StructuredLog.threshold(StructuredLog.level(Env.getOrDefault(Env.LOG_LEVEL, "INFO")));
        PrometheusMetrics counters = new PrometheusMetrics();
        boolean emf = Boolean.parseBoolean(Env.getOrDefault(Env.LOG_METRICS, "false"));
        Metrics.sink(emf ? Metrics.both(Metrics.EMF, counters) : counters);
        return counters;
    }
}
