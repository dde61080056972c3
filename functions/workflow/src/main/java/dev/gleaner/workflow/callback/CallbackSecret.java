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
        return Env.get(PARAMETER_ENV).map(dev.gleaner.aws.secrets.SecureParameters::read)
                .orElseGet(() -> Env.getOrDefault(LOCAL_ENV, LOCAL_DEFAULT));
    }
}
