package dev.gleaner.aws.slots;

import dev.gleaner.core.workflow.SlotReleaser;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The DynamoDB semaphore that caps running collections: one lock item whose {@code holders} map
 * has an entry per task holding a slot, and a {@code holder_count}. Acquire and release are single
 * conditional updates, so they are atomic across every Lambda; both are idempotent per task.
 */
public final class DynamoSemaphore implements SlotReleaser {
    public static final String LOCK_ID = "collections";

    private final DynamoDbClient ddb;
    private final String table;
    private final int maxHolders;
    private final Clock clock;

    public DynamoSemaphore(DynamoDbClient ddb, String table, int maxHolders, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.maxHolders = maxHolders;
        this.clock = clock;
    }

    public int maxHolders() {
        return maxHolders;
    }

    /** Takes a slot for the task; true if it holds one now (also when it already held it). */
    public boolean tryAcquire(String taskId) {
        return tryAcquire(taskId, true);
    }

    private boolean tryAcquire(String taskId, boolean createIfMissing) {
        try {
            ddb.updateItem(b -> b.tableName(table).key(key())
                    .updateExpression("SET holders.#h = :now ADD holder_count :one")
                    .conditionExpression("attribute_not_exists(holders.#h) AND holder_count < :max")
                    .expressionAttributeNames(Map.of("#h", taskId))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(clock.instant().toString()),
                            ":one", AttributeValue.fromN("1"), ":max", AttributeValue.fromN(Integer.toString(maxHolders)))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key()).consistentRead(true)).item();
            if ((item == null || item.isEmpty()) && createIfMissing) {
                ensureLockItem(); // the very first acquire of a deployment
                return tryAcquire(taskId, false);
            }
            return item != null && item.containsKey("holders") && item.get("holders").m().containsKey(taskId);
        }
    }

    @Override
    public boolean release(String taskId) {
        try {
            ddb.updateItem(b -> b.tableName(table).key(key())
                    .updateExpression("REMOVE holders.#h ADD holder_count :minus")
                    .conditionExpression("attribute_exists(holders.#h)")
                    .expressionAttributeNames(Map.of("#h", taskId))
                    .expressionAttributeValues(Map.of(":minus", AttributeValue.fromN("-1"))));
            return true;
        } catch (ConditionalCheckFailedException notHeld) {
            return false;
        }
    }

    public Set<String> holders() {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key()).consistentRead(true)).item();
        if (item == null || !item.containsKey("holders")) {
            return Set.of();
        }
        return Set.copyOf(item.get("holders").m().keySet());
    }

    public int holderCount() {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key()).consistentRead(true)).item();
        return item == null || !item.containsKey("holder_count") ? 0 : Integer.parseInt(item.get("holder_count").n());
    }

    /** Creates the lock item on first use (a no-op once it exists). */
    private void ensureLockItem() {
        try {
            ddb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(LOCK_ID),
                    "holders", AttributeValue.fromM(Map.of()), "holder_count", AttributeValue.fromN("0")))
                    .conditionExpression("attribute_not_exists(id)"));
        } catch (ConditionalCheckFailedException exists) {
            // The usual case.
        }
    }

    private static Map<String, AttributeValue> key() {
        return Map.of("id", AttributeValue.fromS(LOCK_ID));
    }
}
