package dev.gleaner.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a task until its status is final. Each read asks {@code Prefer: wait=N} (RFC 7240): an
 * API that honours it (it answers {@code Preference-Applied}) holds the read until the task
 * changes, so the next read follows at once. An API that does not gets polled with backoff, as
 * slow as its {@code Retry-After} asks. A lost connection or a 5xx is retried for a while before
 * it counts (exit 4 or 5).
 */
public final class Poller {
    /** How long one read may be held by the API (API Gateway allows 29 s in all). */
    public static final int PREFER_WAIT_SECONDS = 10;
    private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");
    private static final long FIRST_DELAY_MILLIS = 250;
    private static final long MAX_DELAY_MILLIS = 5_000;
    private static final long GIVE_UP_AFTER_MILLIS = 60_000;

    private final ApiClient api;

    public Poller(ApiClient api) {
        this.api = api;
    }

    public static boolean isFinal(String status) {
        return FINAL.contains(status);
    }

    /**
     * @param path the task's address ({@link ApiPaths#task} or {@link ApiPaths#scrapeStatus})
     * @param seen called with every answer, the final one included
     * @return the final answer
     * @throws ApiClient.Interrupted when the thread is interrupted (Ctrl-C)
     */
    public JsonNode untilFinal(String path, Consumer<JsonNode> seen) {
        return untilFinal(path, null, seen);
    }

    /**
     * @param known the task as the caller just read it (shown at once, and the first read may then
     *     be held by the API), or null
     */
    public JsonNode untilFinal(String path, JsonNode known, Consumer<JsonNode> seen) {
        long delay = FIRST_DELAY_MILLIS;
        long failingSince = -1;
        JsonNode last = known;
        boolean first = known == null;
        if (known != null) {
            seen.accept(known);
            if (isFinal(known.path("status").asText())) {
                return known;
            }
        }
        while (true) {
            ApiClient.Response r;
            try {
                Map<String, String> prefer = first ? Map.of() : Map.of("Prefer", "wait=" + PREFER_WAIT_SECONDS);
                r = api.get(path, prefer, Duration.ofSeconds(PREFER_WAIT_SECONDS + 30));
                if (r.status() >= 500) {
                    throw ApiClient.refused(r);
                }
                failingSince = -1;
            } catch (ApiException.Unreachable | ApiException.Refused e) {
                if (e instanceof ApiException.Refused refused && refused.status() < 500) {
                    throw e;
                }
                long now = System.nanoTime() / 1_000_000;
                if (failingSince < 0) {
                    failingSince = now;
                } else if (now - failingSince > GIVE_UP_AFTER_MILLIS) {
                    throw e;
                }
                delay = sleep(Math.min(MAX_DELAY_MILLIS, delay * 2));
                continue;
            }
            JsonNode task = ApiClient.expectOk(r).json();
            seen.accept(task);
            if (isFinal(task.path("status").asText())) {
                return task;
            }
            boolean changed = last == null || !last.equals(task);
            last = task;
            boolean held = r.header("Preference-Applied").map(v -> v.contains("wait")).orElse(false);
            if (first || held) {
                first = false;
                // The first read answers at once (the bar appears); later ones the API held until a
                // change (or N seconds): ask again at once.
                delay = FIRST_DELAY_MILLIS;
                if (Thread.interrupted()) {
                    throw interrupted();
                }
                continue;
            }
            long next = changed ? FIRST_DELAY_MILLIS : Math.min(MAX_DELAY_MILLIS, (long) (delay * 1.6));
            long retryAfter = r.header("Retry-After").map(Poller::seconds).orElse(-1L);
            if (retryAfter >= 0) {
                next = Math.max(FIRST_DELAY_MILLIS, Math.min(retryAfter * 1000, 30_000));
            }
            delay = sleep(next);
        }
    }

    private static long seconds(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw interrupted();
        }
        return millis;
    }

    private static ApiClient.Interrupted interrupted() {
        Thread.currentThread().interrupt();
        return new ApiClient.Interrupted();
    }
}
