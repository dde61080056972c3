package dev.gleaner.api.http;

import dev.gleaner.api.ApiContext;
import dev.gleaner.core.http.PreferWait;
import dev.gleaner.core.task.Waiting;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A task read that honours {@code Prefer: wait=N} (RFC 7240) and tells the client when to look
 * again: {@code Preference-Applied} when a wait was honoured, {@code Retry-After} while the task
 * is not final.
 */
public final class LongPoll {
    public static final String PREFER = "Prefer";
    public static final String PREFERENCE_APPLIED = "Preference-Applied";
    public static final String RETRY_AFTER = "Retry-After";

    private LongPoll() {}

    /** A read, after waiting for a change of {@code watched} when the request prefers to wait. */
    public record Read<T>(T value, OptionalInt waited) {}

    public static <T> Read<T> read(ApiContext ctx, ApiRequest request, Supplier<T> read, Function<T, Object> watched,
            Predicate<T> done) {
        OptionalInt wait = PreferWait.parse(request.headers(PREFER));
        if (wait.isEmpty()) {
            return new Read<>(read.get(), wait);
        }
        T value = Waiting.forChange(read, watched, done, Duration.ofSeconds(wait.getAsInt()), ctx.clock(), ctx.sleeper());
        return new Read<>(value, wait);
    }

    /** {@code Retry-After} alone (answers that never wait), empty when null. */
    public static Map<String, String> retryAfter(Integer seconds) {
        return headers(OptionalInt.empty(), seconds);
    }

    /** {@code Preference-Applied} for an honoured wait, {@code Retry-After} when not null. */
    public static Map<String, String> headers(OptionalInt waited, Integer retryAfterSeconds) {
        Map<String, String> h = new LinkedHashMap<>();
        waited.ifPresent(s -> h.put(PREFERENCE_APPLIED, PreferWait.applied(s)));
        if (retryAfterSeconds != null) {
            h.put(RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        return h;
    }
}
