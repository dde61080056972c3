package dev.gleaner.aws.secrets;

import dev.gleaner.aws.clients.AwsClients;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * SSM SecureString parameters (callback signing key, credentials for scheduled runs), read once per
 * container and cached. Values are never logged; the template passes only parameter names.
 */
public final class SecureParameters {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SecureParameters() {}

    public static String read(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            SsmClient ssm = AwsClients.ssm();
            return ssm.getParameter(b -> b.name(n).withDecryption(true)).parameter().value();
        });
    }
}
