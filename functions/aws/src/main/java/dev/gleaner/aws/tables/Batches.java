package dev.gleaner.aws.tables;

import dev.gleaner.aws.errors.AwsFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchGetItem and BatchWriteItem with what DynamoDB leaves unprocessed under load retried after a
 * jittered, growing pause (as the DynamoDB guide asks), for every store.
 */
public final class Batches {
    /** BatchGetItem reads at most 100 keys, BatchWriteItem writes at most 25 items. */
    public static final int GET_MAX = 100;
    public static final int WRITE_MAX = 25;
    private static final int MAX_UNPROCESSED_RETRIES = 8;

    private Batches() {}

    /** Consistent reads of at most {@link #GET_MAX} keys of one table; {@code projection} may be null. */
    public static List<Map<String, AttributeValue>> get(DynamoDbClient ddb, String table,
            List<Map<String, AttributeValue>> keys, String projection) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        if (keys.isEmpty()) {
            return items;
        }
        KeysAndAttributes.Builder ka = KeysAndAttributes.builder().keys(keys).consistentRead(true);
        if (projection != null) {
            ka.projectionExpression(projection);
        }
        Map<String, KeysAndAttributes> request = Map.of(table, ka.build());
        for (int attempt = 0; !request.isEmpty(); attempt++) {
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse r = ddb.batchGetItem(b -> b.requestItems(current));
            items.addAll(r.responses().getOrDefault(table, List.of()));
            request = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
            if (!request.isEmpty()) {
                backOff(attempt);
            }
        }
        return items;
    }

    /** At most {@link #WRITE_MAX} writes to one table. */
    public static void write(DynamoDbClient ddb, String table, List<WriteRequest> writes) {
        Map<String, List<WriteRequest>> request = Map.of(table, writes);
        for (int attempt = 0; !request.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> current = request;
            BatchWriteItemResponse r = ddb.batchWriteItem(b -> b.requestItems(current));
            request = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
            if (!request.isEmpty()) {
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        if (attempt >= MAX_UNPROCESSED_RETRIES) {
            throw new AwsFaults.Throttled("DynamoDB kept items unprocessed after " + attempt + " retries");
        }
        long cap = Math.min(2000, 50L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed items", e);
        }
    }
}
