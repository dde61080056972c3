package dev.gleaner.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * The one list of environment variables Gleaner reads. {@code template.yaml} sets them on AWS, the
 * local runner sets them locally, and the template test checks that every one a function reads
 * is set.
 */
public final class Env {
    public static final String TASKS_TABLE = "TASKS_TABLE";
    public static final String SEMAPHORE_TABLE = "SEMAPHORE_TABLE";
    public static final String RECORDS_TABLE = "RECORDS_TABLE";
    public static final String SCRAPE_TABLE = "SCRAPE_TABLE";
    public static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
    public static final String SCRAPE_QUEUE_URL = "SCRAPE_QUEUE_URL";
    public static final String DELAY_FACTOR = "GLEANER_DELAY_FACTOR";
    public static final String MAX_RUNNING = "GLEANER_MAX_RUNNING";
    /**
     * The local runner's API key (its --api-key default; on AWS, API Gateway checks the keys), and
     * the key the gleaner command line sends as {@code x-api-key}.
     */
    public static final String API_KEY = "GLEANER_API_KEY";
    /**
     * The largest CSV/NDJSON export one answer may carry, in bytes as the Lambda response encodes
     * them (set on AWS, where a response is at most 6 MB; unset locally: no limit).
     */
    public static final String EXPORT_MAX_BYTES = "EXPORT_MAX_BYTES";
    /** How long a collection may wait as pending for a slot before it fails (hours, default 24). */
    public static final String MAX_PENDING_HOURS = "GLEANER_MAX_PENDING_HOURS";

    // Read by the local runner only (on AWS, the functions' LoggingConfig decides).
    /** The local runner's log level: DEBUG, INFO (default), WARN or ERROR. */
    public static final String LOG_LEVEL = "GLEANER_LOG_LEVEL";
    /** {@code true}: the local runner also logs the metric documents (EMF) CloudWatch would read. */
    public static final String LOG_METRICS = "GLEANER_LOG_METRICS";

    // Read by the gleaner command line (cli/), on the user's machine: never by a function.
    /** The API the command line talks to (default http://localhost:8000). */
    public static final String API_URL = "GLEANER_API_URL";
    /** The command line's language for people: {@code ko} or {@code en} (default: from LANG). */
    public static final String CLI_LANG = "GLEANER_LANG";
    /** Gangnam Unni's token for {@code gleaner collect gangnamunni} (instead of --token-file). */
    public static final String CLI_GANGNAMUNNI_TOKEN = "GLEANER_GANGNAMUNNI_TOKEN";
    /** Naver login cookies for {@code gleaner collect naver} (instead of --cookies-file). */
    public static final String CLI_NAVER_COOKIES = "GLEANER_NAVER_COOKIES";
    /** The proxy URL (may hold credentials) for {@code gleaner scrape} (instead of --proxy-file). */
    public static final String CLI_SCRAPE_PROXY = "GLEANER_SCRAPE_PROXY";

    private static volatile Map<String, String> source = System.getenv();

    private Env() {}

    public static Optional<String> get(String name) {
        String v = source.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public static String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
    }

    public static String getOrDefault(String name, String dflt) {
        return get(name).orElse(dflt);
    }

    /** Replaces the environment (the local runner and tests use this; Lambda never does). */
    public static void override(Map<String, String> values) {
        Map<String, String> merged = new java.util.HashMap<>(System.getenv());
        merged.putAll(values);
        source = Map.copyOf(merged);
    }

    /** Sets (or, with null, removes) one variable on top of the current environment (tests). */
    public static synchronized void set(String name, String value) {
        Map<String, String> merged = new java.util.HashMap<>(source);
        if (value == null) {
            merged.remove(name);
        } else {
            merged.put(name, value);
        }
        source = Map.copyOf(merged);
    }

    /**
     * Replaces the environment with exactly this map (no merge with the process environment): the
     * template checks give each function only what template.yaml sets, and record what it reads.
     */
    public static void replace(Map<String, String> values) {
        source = values;
    }

    /** How many collections may run at once ({@link #MAX_RUNNING}, default 10). */
    public static int maxRunning() {
        try {
            return Math.max(1, Integer.parseInt(getOrDefault(MAX_RUNNING, "10").trim()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(MAX_RUNNING + " must be a whole number, not " + get(MAX_RUNNING).orElse(""), e);
        }
    }

    /** Politeness delays are multiplied by this (default 1; tests use 0). */
    public static double delayFactor() {
        try {
            return Math.max(0, Double.parseDouble(getOrDefault(DELAY_FACTOR, "1")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
