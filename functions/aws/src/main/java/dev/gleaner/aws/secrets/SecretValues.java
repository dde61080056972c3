package dev.gleaner.aws.secrets;

import dev.gleaner.aws.clients.AwsClients;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets Manager secrets (the callback signing key, credentials for scheduled runs), read once per
 * container and cached. Values are never logged; the template passes only secret names.
 * (Secrets Manager rather than SSM: its SDK module is a seventh of the size in every Lambda jar.)
 */
public final class SecretValues {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SecretValues() {}

    public static String read(String secretId) {
        return CACHE.computeIfAbsent(secretId,
                id -> AwsClients.secrets().getSecretValue(b -> b.secretId(id)).secretString());
    }
}
