package dev.gleaner.local;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * DynamoDB as it behaves under load: bursts of throttling (400 ProvisionedThroughputExceeded) and
 * 500 InternalServerError answers, the request never reaching the table. A burst is sometimes
 * longer than the SDK's own retries, so the fault reaches Gleaner's code. Seeded: the same run
 * every time.
 */
public final class FaultyHttpClient implements SdkHttpClient {
    private static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
            + "ProvisionedThroughputExceededException\",\"message\":\"The level of configured provisioned throughput "
            + "for the table was exceeded (injected)\"}";
    private static final String FAILED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
            + "\"message\":\"Internal server error (injected)\"}";

    private final SdkHttpClient delegate;
    private final Random random;
    private final double burstChance;
    private final int longestBurst;
    private int burstLeft;
    private boolean burstThrottles;
    public final AtomicInteger injected = new AtomicInteger();
    private volatile boolean enabled = true;

    public FaultyHttpClient(SdkHttpClient delegate, long seed, double burstChance, int longestBurst) {
        this.delegate = delegate;
        this.random = new Random(seed);
        this.burstChance = burstChance;
        this.longestBurst = longestBurst;
    }

    /** Stops injecting (to read the end state through the same client). */
    public void heal() {
        enabled = false;
    }

    private synchronized Optional<String> fault() {
        if (!enabled) {
            return Optional.empty();
        }
        if (burstLeft == 0 && random.nextDouble() < burstChance) {
            burstLeft = 1 + random.nextInt(longestBurst);
            burstThrottles = random.nextBoolean();
        }
        if (burstLeft == 0) {
            return Optional.empty();
        }
        burstLeft--;
        return Optional.of(burstThrottles ? THROTTLED : FAILED);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        Optional<String> fault = fault();
        if (fault.isEmpty()) {
            return delegate.prepareRequest(request);
        }
        injected.incrementAndGet();
        byte[] body = fault.get().getBytes(StandardCharsets.UTF_8);
        int status = fault.get().equals(THROTTLED) ? 400 : 500;
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(status)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("x-amzn-RequestId", "injected").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
        // The delegate is shared with other clients: not ours to close.
    }

    @Override
    public String clientName() {
        return "faulty-" + delegate.clientName();
    }
}
