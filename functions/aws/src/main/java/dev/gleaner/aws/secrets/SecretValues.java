package dev.gleaner.aws.secrets;

import dev.gleaner.aws.clients.AwsClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Secrets Manager secrets (the callback signing key, credentials for scheduled runs), cached per
 * container for {@link #TTL}, so that a rotated secret is picked up within minutes without a
 * request per use. Values are never logged; the template passes only secret names.
 * (Secrets Manager rather than SSM: its SDK module is a seventh of the size in every Lambda jar.)
 */
public final class SecretValues {
    public static final Duration TTL = Duration.ofMinutes(5);
    private static final SecretValues SHARED = new SecretValues(
            id -> AwsClients.secrets().getSecretValue(b -> b.secretId(id)).secretString(), Clock.systemUTC(), TTL);

    private record Cached(String value, Instant until) {}

    private final Function<String, String> fetch;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** A cache over any fetch (tests use one with their own clock). */
    public SecretValues(Function<String, String> fetch, Clock clock, Duration ttl) {
        this.fetch = fetch;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A secret's value through the container's shared cache. */
    public static String read(String secretId) {
        return SHARED.get(secretId);
    }

    public String get(String secretId) {
        Instant now = clock.instant();
        Cached c = cache.get(secretId);
        if (c == null || !now.isBefore(c.until())) {
            c = new Cached(fetch.apply(secretId), now.plus(ttl));
            cache.put(secretId, c);
        }
        return c.value();
    }
}
