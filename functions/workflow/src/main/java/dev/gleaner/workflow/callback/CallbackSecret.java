package dev.gleaner.workflow.callback;

import dev.gleaner.aws.secrets.SecretValues;
import dev.gleaner.core.config.Env;
import java.util.function.Supplier;

/**
 * The HMAC key for callback signatures, and nothing else: there is no built-in key. On AWS it is
 * the Secrets Manager secret named by {@code CALLBACK_SECRET_ID} (cached for minutes, so a rotation
 * is picked up); the local runner passes the key it generated for its data directory (or
 * {@code GLEANER_CALLBACK_SECRET}). Missing or empty, callbacks fail with an error that says what
 * to create, and are not sent.
 */
public final class CallbackSecret {

    private CallbackSecret() {}

    /** The deployed key: read on first use (a function that never sends a callback never reads it). */
    public static Supplier<String> fromEnvironment() {
        return () -> {
            String id = Env.get(Env.CALLBACK_SECRET_ID).orElseThrow(() -> new IllegalStateException(
                    "callbacks cannot be signed: " + Env.CALLBACK_SECRET_ID + " is not set (the template sets it from CallbackSecretName)"));
            String value;
            try {
                value = SecretValues.read(id);
            } catch (RuntimeException e) {
                throw new IllegalStateException("callbacks cannot be signed: the secret '" + id + "' could not be read ("
                        + e.getClass().getSimpleName() + "); create it with `aws secretsmanager create-secret --name " + id
                        + " --secret-string \"$(openssl rand -hex 32)\"`", e);
            }
            return requireKey(value, "the secret '" + id + "'");
        };
    }

    /** A key that is there and long enough to be a key. */
    public static String requireKey(String value, String where) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("callbacks cannot be signed: " + where + " is empty");
        }
        if (value.length() < 16) {
            throw new IllegalStateException("callbacks cannot be signed: " + where + " is shorter than 16 characters");
        }
        return value;
    }
}
