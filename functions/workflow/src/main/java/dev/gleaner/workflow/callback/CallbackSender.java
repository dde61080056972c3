package dev.gleaner.workflow.callback;

import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.safehttp.FetchException;
import dev.gleaner.safehttp.SafeHttpClient;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a finished task to its {@code callback_url} with {@code X-Gleaner-Signature: sha256=<hex
 * HMAC of the body>}. Delivery goes through the SSRF-safe client (public addresses only) with its
 * retries; a callback that keeps failing is logged and never changes the task.
 */
public final class CallbackSender {
    public static final String SIGNATURE_HEADER = "X-Gleaner-Signature";

    private final SafeHttpClient http;
    private final Supplier<String> secret;

    public CallbackSender(SafeHttpClient http, Supplier<String> secret) {
        this.http = http;
        this.secret = secret;
    }

    public void send(CollectionTask task) {
        String url = task.request() == null ? null : task.request().callbackUrl();
        if (url == null) {
            return;
        }
        String body = Json.write(task.view());
        try {
            http.post(url, body, Map.of("Content-Type", "application/json; charset=utf-8",
                    SIGNATURE_HEADER, "sha256=" + sign(secret.get(), body)));
            StructuredLog.info("callback delivered", task.id(), Map.of("status", task.status().wire()));
        } catch (FetchException | RuntimeException e) {
            StructuredLog.warn("callback could not be delivered; the task is unchanged", task.id(), e);
        }
    }

    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
