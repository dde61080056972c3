package dev.gleaner.workflow.callback;

import dev.gleaner.core.config.Env;
import java.util.function.Supplier;

/**
 * The HMAC key for callback signatures. On AWS: the Secrets Manager secret named by
 * {@code CALLBACK_SECRET_ID}, read once per container. Locally: {@code GLEANER_CALLBACK_SECRET}.
 */
public final class CallbackSecret {
    public static final String SECRET_ID_ENV = "CALLBACK_SECRET_ID";
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
        return Env.get(SECRET_ID_ENV).map(dev.gleaner.aws.secrets.SecretValues::read)
                .orElseGet(() -> Env.getOrDefault(LOCAL_ENV, LOCAL_DEFAULT));
    }
}
