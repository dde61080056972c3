package dev.gleaner.core.metrics;

import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits {@link Metric}s. On Lambda each emission is one CloudWatch Embedded Metric Format
 * document printed as a log line ({@link EmfFormat}): CloudWatch extracts the metrics from the log
 * group, with no API call and no extra latency. The local runner adds a sink that counts the same
 * values for {@code GET /metrics}.
 *
 * <pre>{@code
 * Metrics.with(Dimension.PLATFORM, "babitalk").with(Dimension.CATEGORY, "reviews")
 *         .add(Metric.POSTS_COLLECTED, 72).add(Metric.NEW_RECORDS, 10).emit();
 * }</pre>
 *
 * Every emission also carries the invocation's {@link LogContext} fields (function, request id,
 * trace id, task id) as plain properties, so a metric's data point leads back to its log lines.
 * Metrics never break the work they measure: a sink that fails is logged and ignored.
 */
public final class Metrics {
    /** The CloudWatch namespace of every metric. */
    public static final String NAMESPACE = "Gleaner";

    /** Where emissions go. */
    @FunctionalInterface
    public interface Sink {
        void accept(Emission emission);
    }

    /** One emission: values that share the same dimension values, at one time. */
    public record Emission(Instant timestamp, Map<Dimension, String> dimensions, Map<Metric, Double> values,
            Map<String, Object> properties) {
        public Emission {
            dimensions = Collections.unmodifiableMap(new EnumMap<>(dimensions.isEmpty()
                    ? new EnumMap<>(Dimension.class) : dimensions));
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }
    }

    /** Prints each emission as an EMF document through {@link StructuredLog#raw}. */
    public static final Sink EMF = emission -> StructuredLog.raw(EmfFormat.document(emission));

    private static volatile Sink sink = EMF;
    private static volatile Clock clock = Clock.systemUTC();

    private Metrics() {}

    public static Builder with(Dimension dimension, String value) {
        return new Builder().with(dimension, value);
    }

    /** An emission without dimensions (for metrics whose only dimension set is empty). */
    public static Builder plain() {
        return new Builder();
    }

    /** Replaces where emissions go (the local runner adds its counters; tests capture). */
    public static void sink(Sink s) {
        sink = s;
    }

    public static Sink sink() {
        return sink;
    }

    /** Both sinks, in order; one failing does not keep the other from its emission. */
    public static Sink both(Sink first, Sink second) {
        return e -> {
            deliver(first, e);
            deliver(second, e);
        };
    }

    static void clock(Clock c) {
        clock = c;
    }

    /** Collects the values of one emission. */
    public static final class Builder {
        private final Map<Dimension, String> dimensions = new EnumMap<>(Dimension.class);
        private final Map<Metric, Double> values = new LinkedHashMap<>();

        private Builder() {}

        /** A dimension's value, made safe for CloudWatch (printable ASCII, at most 100 characters; else {@code other}). */
        public Builder with(Dimension dimension, String value) {
            dimensions.put(dimension, DimensionValues.clean(value));
            return this;
        }

        /** Adds a value (added to what the same metric already has in this emission). */
        public Builder add(Metric metric, double value) {
            values.merge(metric, value, Double::sum);
            return this;
        }

        /** Adds 1. */
        public Builder count(Metric metric) {
            return add(metric, 1);
        }

        /** Sends the values to the sink; a metric missing one of its dimensions is left out and logged. */
        public void emit() {
            Map<Metric, Double> ok = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (Map.Entry<Metric, Double> e : values.entrySet()) {
                List<Dimension> lacking = e.getKey().dimensions().stream().filter(d -> !dimensions.containsKey(d)).toList();
                if (lacking.isEmpty()) {
                    ok.put(e.getKey(), e.getValue());
                } else {
                    missing.add(e.getKey().metricName() + " needs " + lacking);
                }
            }
            if (!missing.isEmpty()) {
                StructuredLog.warn("metric left out: a dimension is missing", Map.of("metrics", missing));
            }
            if (ok.isEmpty()) {
                return;
            }
            Map<Dimension, String> used = new EnumMap<>(Dimension.class);
            ok.keySet().forEach(m -> m.dimensions().forEach(d -> used.put(d, dimensions.get(d))));
            deliver(sink, new Emission(clock.instant(), used, ok, LogContext.fields()));
        }
    }

    private static void deliver(Sink s, Emission e) {
        try {
            s.accept(e);
        } catch (RuntimeException ex) {
            StructuredLog.warn("a metric could not be emitted", null, ex);
        }
    }
}
