package dev.gleaner.core.config;

import java.util.HashMap;
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
    /** List pages one CollectBatch call may read (default: the collectors' {@code MAX_PAGES_PER_CALL}). */
    public static final String PAGES_PER_CALL = "GLEANER_PAGES_PER_CALL";
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

    // Read by one function or module each (named here all the same: one list, one README table).
    /**
     * The collectors' source origins (default: the live sites; tests and the local runner's demo
     * sources point them elsewhere; scheme, host and port only).
     */
    public static final String BABITALK_API_URL = "BABITALK_API_URL";
    public static final String GANGNAMUNNI_URL = "GANGNAMUNNI_URL";
    public static final String GANGNAMUNNI_REVIEWS_URL = "GANGNAMUNNI_REVIEWS_URL";
    public static final String NAVER_CAFE_API_URL = "NAVER_CAFE_API_URL";
    public static final String NAVER_CAFE_ARTICLE_URL = "NAVER_CAFE_ARTICLE_URL";
    /** {@code true} allows loopback addresses (only) in fetched URLs: tests and the local runner, never AWS. */
    public static final String ALLOW_LOOPBACK_FETCH = "GLEANER_ALLOW_LOOPBACK_FETCH";
    /** How long a scrape result is reused for the same URL (hours, default 24). */
    public static final String SCRAPE_CACHE_HOURS = "SCRAPE_CACHE_HOURS";
    /** Receives of one scrape message before it is dead-lettered (default 3). */
    public static final String SCRAPE_MAX_RECEIVES = "SCRAPE_MAX_RECEIVES";
    /** {@code true}: the scraper translates product text with Amazon Translate. */
    public static final String TRANSLATE_ENABLED = "TRANSLATE_ENABLED";
    /** The API's {@code Access-Control-Allow-Origin} (default {@code *}). */
    public static final String CORS_ALLOW_ORIGIN = "CORS_ALLOW_ORIGIN";
    /** Secrets Manager ids the scheduled starts read the Naver cookies and the Gangnam Unni token from. */
    public static final String NAVER_COOKIES_SECRET_ID = "NAVER_COOKIES_SECRET_ID";
    public static final String GANGNAMUNNI_TOKEN_SECRET_ID = "GANGNAMUNNI_TOKEN_SECRET_ID";
    /** The Secrets Manager id of the key callbacks are signed with (AWS). */
    public static final String CALLBACK_SECRET_ID = "CALLBACK_SECRET_ID";
    /** The callback signing key itself (local runner; overrides the key kept in the data directory). */
    public static final String CALLBACK_SECRET = "GLEANER_CALLBACK_SECRET";
    /**
     * The region the AWS clients use (default us-east-1). Set by the Lambda runtime, not the
     * template, so it is read from the process environment rather than through {@link #get}.
     */
    public static final String AWS_REGION = "AWS_REGION";
    /**
     * The X-Ray trace header of the current invocation, set by the Lambda runtime (read from the
     * process environment, like {@link #AWS_REGION}); log lines carry its trace id.
     */
    public static final String AMZN_TRACE_ID = "_X_AMZN_TRACE_ID";

    // Read by the local runner only.
    /** The port it listens on (its --port default; 0 picks a free one). */
    public static final String PORT = "PORT";
    /** The local scrape queue's visibility timeout in seconds (how soon a failed message comes back). */
    public static final String LOCAL_VISIBILITY_SECONDS = "GLEANER_LOCAL_VISIBILITY_SECONDS";
    /** How often the local reaper runs (seconds, default 60; it also runs once at start-up). */
    public static final String REAPER_SECONDS = "GLEANER_REAPER_SECONDS";

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
        Map<String, String> merged = new HashMap<>(System.getenv());
        merged.putAll(values);
        source = Map.copyOf(merged);
    }

    /** Sets (or, with null, removes) one variable on top of the current environment (tests). */
    public static synchronized void set(String name, String value) {
        Map<String, String> merged = new HashMap<>(source);
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

    /** List pages per CollectBatch call ({@link #PAGES_PER_CALL}, default {@code dflt}). */
    public static int pagesPerCall(int dflt) {
        try {
            int n = Integer.parseInt(getOrDefault(PAGES_PER_CALL, Integer.toString(dflt)).trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(PAGES_PER_CALL + " must be a whole number of at least 1, not "
                    + get(PAGES_PER_CALL).orElse(""), e);
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
