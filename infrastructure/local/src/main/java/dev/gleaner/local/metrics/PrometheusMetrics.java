package dev.gleaner.local.metrics;

import dev.gleaner.core.metrics.Dimension;
import dev.gleaner.core.metrics.Metric;
import dev.gleaner.core.metrics.Metrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The local runner's counterpart of CloudWatch: every {@link Metric} the handlers emit, counted in
 * a Prometheus registry and served at {@code GET /metrics} in the Prometheus text format. Names
 * come from {@link Metric#prometheusName()} (counters get {@code _total}), labels from the metric's
 * dimensions in lower case; a metric is listed once it has had its first value.
 */
public final class PrometheusMetrics implements Metrics.Sink {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<Metric, Object> instruments = new EnumMap<>(Metric.class);
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public PrometheusMetrics() {
        for (Metric m : Metric.values()) {
            String[] labels = m.dimensions().stream().map(Dimension::label).toArray(String[]::new);
            Object instrument = switch (m.type()) {
                case COUNTER -> Counter.builder().name(m.prometheusName()).help(m.help()).labelNames(labels)
                        .withoutExemplars().register(registry);
                case GAUGE -> Gauge.builder().name(m.prometheusName()).help(m.help()).labelNames(labels)
                        .withoutExemplars().register(registry);
                case DISTRIBUTION -> Histogram.builder().name(m.prometheusName()).help(m.help()).labelNames(labels)
                        .classicOnly().classicUpperBounds(bounds(m)).withoutExemplars().register(registry);
            };
            instruments.put(m, instrument);
        }
    }

    /** Bucket bounds in the metric's own unit. */
    private static double[] bounds(Metric m) {
        return switch (m.unit()) {
            case MILLISECONDS -> new double[] {50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 900000};
            case SECONDS -> new double[] {1, 5, 10, 30, 60, 300, 900, 1800, 3600, 7200, 21600, 86400};
            case COUNT -> new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        };
    }

    @Override
    public void accept(Metrics.Emission e) {
        for (Map.Entry<Metric, Double> v : e.values().entrySet()) {
            Metric m = v.getKey();
            List<Dimension> dims = m.dimensions();
            String[] values = new String[dims.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = e.dimensions().get(dims.get(i));
            }
            Object instrument = instruments.get(m);
            if (instrument instanceof Counter c) {
                c.labelValues(values).inc(Math.max(0, v.getValue()));
            } else if (instrument instanceof Gauge g) {
                g.labelValues(values).set(v.getValue());
            } else if (instrument instanceof Histogram h) {
                h.labelValues(values).observe(v.getValue());
            }
        }
    }

    /** Everything counted so far, in the Prometheus text format (version 0.0.4). */
    public String text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
