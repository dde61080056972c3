package dev.gleaner.core.metrics;

import java.util.Locale;

/** The dimensions Gleaner's metrics carry (CloudWatch dimension names; Prometheus labels in lower case). */
public enum Dimension {
    /** A collection's platform ({@code babitalk}, …) or a scrape's detected platform ({@code shopify}, {@code unknown}). */
    PLATFORM("Platform"),
    /** A collection's category key ({@code reviews}; on Naver the board's numeric id). */
    CATEGORY("Category"),
    /** What kind of source error ({@link SourceErrorKind}). */
    KIND("Kind"),
    /** Why a collection or a scrape failed ({@link FailureCause}). */
    CAUSE("Cause");

    private final String cloudWatchName;

    Dimension(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    /** The name in CloudWatch (and in template.yaml's dashboard and alarms). */
    public String cloudWatchName() {
        return cloudWatchName;
    }

    /** The Prometheus label name. */
    public String label() {
        return cloudWatchName.toLowerCase(Locale.ROOT);
    }
}
