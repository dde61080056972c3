package dev.gleaner.core.metrics;

import static dev.gleaner.core.metrics.Dimension.CATEGORY;
import static dev.gleaner.core.metrics.Dimension.CAUSE;
import static dev.gleaner.core.metrics.Dimension.KIND;
import static dev.gleaner.core.metrics.Dimension.PLATFORM;

import dev.gleaner.core.product.ProductInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every metric Gleaner emits, in one table: the CloudWatch name (namespace {@link Metrics#NAMESPACE}),
 * the unit, how it aggregates and the dimension sets it is published under. The handlers emit only
 * these, the local runner's {@code GET /metrics} serves exactly these, and the template checks
 * (infrastructure/checks) require every metric named in template.yaml's dashboard and alarms to be
 * one of these, with one of its dimension sets.
 *
 * <p>Cold starts are not here: Lambda's own {@code InitDuration} already shows them.
 */
public enum Metric {
    COLLECTIONS_STARTED("CollectionsStarted", Unit.COUNT, Type.COUNTER, "collections started (API or schedule)",
            List.of(List.of(PLATFORM), List.of())),
    COLLECTIONS_COMPLETED("CollectionsCompleted", Unit.COUNT, Type.COUNTER, "collections that ended completed",
            List.of(List.of(PLATFORM), List.of())),
    COLLECTIONS_FAILED("CollectionsFailed", Unit.COUNT, Type.COUNTER, "collections that ended failed, by cause",
            List.of(List.of(PLATFORM), List.of(PLATFORM, CAUSE), List.of())),
    COLLECTIONS_CANCELLED("CollectionsCancelled", Unit.COUNT, Type.COUNTER, "collections cancelled through the API",
            List.of(List.of(PLATFORM), List.of())),
    POSTS_COLLECTED("PostsCollected", Unit.COUNT, Type.COUNTER, "posts read from a source",
            List.of(List.of(PLATFORM, CATEGORY), List.of(PLATFORM))),
    NEW_RECORDS("NewRecords", Unit.COUNT, Type.COUNTER, "posts stored for the first time",
            List.of(List.of(PLATFORM, CATEGORY), List.of(PLATFORM))),
    SOURCE_ERRORS("SourceErrors", Unit.COUNT, Type.COUNTER, "source failures and back-off requests, by kind",
            List.of(List.of(PLATFORM, KIND), List.of(KIND))),
    BATCH_DURATION("BatchDuration", Unit.MILLISECONDS, Type.DISTRIBUTION, "one CollectBatch call: pages read and stored",
            List.of(List.of(PLATFORM))),
    SLOT_WAIT_TIME("SlotWaitTime", Unit.SECONDS, Type.DISTRIBUTION, "from queued (pending) to holding a running slot",
            List.of(List.of(PLATFORM), List.of())),
    SLOTS_IN_USE("SlotsInUse", Unit.COUNT, Type.GAUGE, "running slots held, sampled at every acquire and release",
            List.of(List.of())),
    SCRAPES_SUBMITTED("ScrapesSubmitted", Unit.COUNT, Type.COUNTER, "scrapes queued for the worker (cache misses)",
            List.of(List.of())),
    SCRAPE_CACHE_HITS("ScrapeCacheHits", Unit.COUNT, Type.COUNTER, "scrapes answered from the cache",
            List.of(List.of())),
    SCRAPES_COMPLETED("ScrapesCompleted", Unit.COUNT, Type.COUNTER, "scrapes completed, by detected platform",
            List.of(List.of(PLATFORM), List.of())),
    SCRAPES_FAILED("ScrapesFailed", Unit.COUNT, Type.COUNTER, "scrapes failed, by cause",
            List.of(List.of(CAUSE), List.of())),
    EXTRACTION_FIELDS_FOUND("ExtractionFieldsFound", Unit.COUNT, Type.DISTRIBUTION,
            "product fields found on a scraped page (of " + ProductInfo.FIELDS.size() + ")",
            List.of(List.of(PLATFORM)));

    /** How a metric aggregates (CloudWatch keeps every value; Prometheus needs to know). */
    public enum Type {
        /** Counts of events: summed. */
        COUNTER,
        /** A level sampled now and then: the last, the minimum, the maximum. */
        GAUGE,
        /** Sizes and durations: average, percentiles. */
        DISTRIBUTION
    }

    /** CloudWatch units. */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds"), SECONDS("Seconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private final String metricName;
    private final Unit unit;
    private final Type type;
    private final String help;
    private final List<List<Dimension>> dimensionSets;

    Metric(String metricName, Unit unit, Type type, String help, List<List<Dimension>> dimensionSets) {
        this.metricName = metricName;
        this.unit = unit;
        this.type = type;
        this.help = help;
        this.dimensionSets = dimensionSets;
    }

    /** The CloudWatch metric name. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    public Type type() {
        return type;
    }

    public String help() {
        return help;
    }

    /** The dimension sets each value is published under (an empty set: the metric without dimensions). */
    public List<List<Dimension>> dimensionSets() {
        return dimensionSets;
    }

    /** Every dimension the metric needs: the union of its sets, in declaration order. */
    public List<Dimension> dimensions() {
        Set<Dimension> all = new LinkedHashSet<>();
        dimensionSets.forEach(all::addAll);
        return new ArrayList<>(all);
    }

    /**
     * The Prometheus name: {@code gleaner_} and the name in snake case, counters ending in
     * {@code _total}, durations in their unit ({@code _milliseconds}, {@code _seconds}).
     */
    public String prometheusName() {
        String snake = metricName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        String base = "gleaner_" + snake;
        if (unit == Unit.MILLISECONDS && !base.endsWith("_milliseconds")) {
            base += "_milliseconds";
        } else if (unit == Unit.SECONDS && !base.endsWith("_seconds")) {
            base = base.replaceAll("_time$", "") + "_seconds";
        }
        return base;
    }

    public static Optional<Metric> byName(String metricName) {
        for (Metric m : values()) {
            if (m.metricName.equals(metricName)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
