package dev.gleaner.workflow.callback;

import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.safehttp.FetchException;
import dev.gleaner.safehttp.SafeHttpClient;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a finished task to its {@code callback_url}, signed so that the receiver can check it came
 * from here and is fresh:
 * <pre>
 * X-Gleaner-Timestamp: &lt;unix seconds&gt;
 * X-Gleaner-Delivery: &lt;uuid, the same on every retry of one delivery&gt;
 * X-Gleaner-Signature: sha256=&lt;hex HMAC-SHA256 of "&lt;timestamp&gt;.&lt;body&gt;"&gt;
 * </pre>
 * Receivers reject old timestamps (replays). Delivery goes through the SSRF-safe client (public
 * addresses only), which retries 429/5xx/time-outs with exponential backoff and jitter. The key
 * comes from configuration only: without one the callback is not sent (a clear error in the log),
 * never signed with a built-in key. A callback that keeps failing is logged, never changes the task.
 */
public final class CallbackSender {
    public static final String SIGNATURE_HEADER = "X-Gleaner-Signature";
    public static final String TIMESTAMP_HEADER = "X-Gleaner-Timestamp";
    public static final String DELIVERY_HEADER = "X-Gleaner-Delivery";

    private final SafeHttpClient http;
    private final Supplier<String> secret;
    private final Clock clock;

    public CallbackSender(SafeHttpClient http, Supplier<String> secret) {
        this(http, secret, Clock.systemUTC());
    }

    public CallbackSender(SafeHttpClient http, Supplier<String> secret, Clock clock) {
        this.http = http;
        this.secret = secret;
        this.clock = clock;
    }

    public void send(CollectionTask task) {
        String url = task.request() == null ? null : task.request().callbackUrl();
        if (url == null) {
            return;
        }
        String body = Json.write(task.view());
        String delivery = UUID.randomUUID().toString();
        try {
            http.post(url, body, headers(secret.get(), clock.instant().getEpochSecond(), delivery, body));
            StructuredLog.info("callback delivered", task.id(), Map.of("status", task.status().wire(), "delivery", delivery));
        } catch (FetchException | RuntimeException e) {
            StructuredLog.warn("callback " + delivery + " could not be delivered; the task is unchanged", task.id(), e);
        }
    }

    /** The headers of one signed delivery. */
    public static Map<String, String> headers(String key, long timestamp, String delivery, String body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json; charset=utf-8");
        h.put(TIMESTAMP_HEADER, Long.toString(timestamp));
        h.put(DELIVERY_HEADER, delivery);
        h.put(SIGNATURE_HEADER, "sha256=" + sign(key, timestamp, body));
        return h;
    }

    /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
    public static String sign(String key, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
