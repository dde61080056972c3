package dev.gleaner.workflow.callback;

import dev.gleaner.core.config.Env;
import java.util.function.Supplier;

/**
 * The HMAC key for callback signatures. On AWS: the SecureString SSM parameter named by
 * {@code CALLBACK_SECRET_PARAMETER}, read once per container. Locally: {@code GLEANER_CALLBACK_SECRET}.
 */
public final class CallbackSecret {
    public static final String PARAMETER_ENV = "CALLBACK_SECRET_PARAMETER";
    public static final String LOCAL_ENV = "GLEANER_CALLBACK_SECRET";
    public static final String LOCAL_DEFAULT = "gleaner-local-callback-secret";

    private CallbackSecret() {}

    public static Supplier<String> fromEnvironment() {
        return new Supplier<>() {
            private volatile String value;

            @Override
            public String get() {
                String v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = load();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }

    private static String load() {
        java.util.Optional<String> parameter = Env.get(PARAMETER_ENV);
        if (parameter.isPresent()) {
            try (software.amazon.awssdk.services.ssm.SsmClient ssm = software.amazon.awssdk.services.ssm.SsmClient.builder()
                    .httpClient(dev.gleaner.aws.clients.AwsClients.httpClient()).build()) {
                return ssm.getParameter(b -> b.name(parameter.get()).withDecryption(true)).parameter().value();
            }
        }
        return Env.getOrDefault(LOCAL_ENV, LOCAL_DEFAULT);
    }
}
