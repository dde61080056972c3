package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The DynamoDB request units a client consumes, as DynamoDB reports them: wraps the SDK's HTTP
 * client, adds {@code "ReturnConsumedCapacity": "TOTAL"} to every request that accepts it, and adds
 * up the {@code ConsumedCapacity} of the answers (read and write units; on-demand tables bill one
 * request unit per capacity unit). Also counts requests per operation.
 */
final class CapacityMeter {
    private static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");
    private static final Set<String> REPORTING = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
            "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems");

    final DoubleAdder readUnits = new DoubleAdder();
    final DoubleAdder writeUnits = new DoubleAdder();
    final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    void reset() {
        readUnits.reset();
        writeUnits.reset();
        requests.clear();
    }

    long requestCount() {
        return requests.values().stream().mapToLong(LongAdder::sum).sum();
    }

    SdkHttpClient wrap(SdkHttpClient delegate) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                SdkHttpRequest http = request.httpRequest();
                String target = http.firstMatchingHeader("X-Amz-Target").orElse("");
                String operation = target.substring(target.indexOf('.') + 1);
                requests.computeIfAbsent(operation, k -> new LongAdder()).increment();
                if (!REPORTING.contains(operation) || request.contentStreamProvider().isEmpty()) {
                    return delegate.prepareRequest(request);
                }
                byte[] body;
                try (InputStream in = request.contentStreamProvider().get().newStream()) {
                    body = in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ObjectNode json = (ObjectNode) tree(body);
                json.put("ReturnConsumedCapacity", "TOTAL");
                byte[] changed = Json.write(json).getBytes(StandardCharsets.UTF_8);
                SdkHttpFullRequest rewritten = ((SdkHttpFullRequest) http).toBuilder()
                        .putHeader("Content-Length", Integer.toString(changed.length))
                        .contentStreamProvider(() -> new ByteArrayInputStream(changed)).build();
                ExecutableHttpRequest call = delegate.prepareRequest(HttpExecuteRequest.builder().request(rewritten)
                        .contentStreamProvider(rewritten.contentStreamProvider().orElseThrow()).build());
                return new ExecutableHttpRequest() {
                    @Override
                    public HttpExecuteResponse call() throws IOException {
                        HttpExecuteResponse r = call.call();
                        Optional<AbortableInputStream> stream = r.responseBody();
                        if (stream.isEmpty()) {
                            return r;
                        }
                        byte[] answer;
                        try (InputStream in = stream.get()) {
                            answer = in.readAllBytes();
                        }
                        count(operation, answer);
                        return HttpExecuteResponse.builder().response(r.httpResponse())
                                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer))).build();
                    }

                    @Override
                    public void abort() {
                        call.abort();
                    }
                };
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void count(String operation, byte[] answer) {
        JsonNode json;
        try {
            json = tree(answer);
        } catch (UncheckedIOException notJson) {
            return;
        }
        JsonNode consumed = json.get("ConsumedCapacity");
        if (consumed == null) {
            return; // an error answer (a failed condition, for one): DynamoDB Local reports nothing
        }
        for (JsonNode c : consumed.isArray() ? consumed : Json.MAPPER.createArrayNode().add(consumed)) {
            double total = c.path("CapacityUnits").asDouble(0);
            if (READS.contains(operation)) {
                readUnits.add(c.path("ReadCapacityUnits").asDouble(total));
            } else {
                writeUnits.add(c.path("WriteCapacityUnits").asDouble(total));
            }
        }
    }
}
