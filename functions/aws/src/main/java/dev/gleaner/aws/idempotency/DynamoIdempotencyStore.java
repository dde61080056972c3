package dev.gleaner.aws.idempotency;

import static dev.gleaner.aws.tables.Attributes.n;
import static dev.gleaner.aws.tables.Attributes.s;

import dev.gleaner.aws.tables.TableDefinitions;
import dev.gleaner.core.idempotency.IdempotencyKey;
import dev.gleaner.core.idempotency.IdempotencyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency records in the table of the tasks they start ({@code idem#<SHA-256 of scope and key>}
 * under the table's key attribute), with the table's TTL: no table of their own, no index picks
 * them up (they have none of the index keys). A claim is one conditional PutItem that answers the
 * existing record when it loses, so it costs one request either way.
 *
 * @param keyAttribute the table's partition key: {@code id} for tasks, {@code pk} for scrapes
 */
public record DynamoIdempotencyStore(DynamoDbClient ddb, String table, String keyAttribute, Clock clock)
        implements IdempotencyStore {
    private static final String PREFIX = "idem#";

    public DynamoIdempotencyStore {
        Objects.requireNonNull(ddb, "ddb");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyAttribute, "keyAttribute");
        Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Claimed> claim(IdempotencyKey key, String taskId, Instant expiresAt) {
        String k = keyAttribute;
        try {
            ddb.putItem(b -> b.tableName(table)
                    .item(Map.of(k, s(itemKey(key)), "fingerprint", s(key.fingerprint()), "task_id", s(taskId),
                            TableDefinitions.TTL_ATTRIBUTE, n(expiresAt.getEpochSecond())))
                    // A record released by a failed first request, or past its day, is free again.
                    .conditionExpression("attribute_not_exists(#k) OR released = :yes OR expires_at <= :now")
                    .expressionAttributeNames(Map.of("#k", k))
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true),
                            ":now", n(clock.instant().getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> old = taken.item();
            return Optional.of(new Claimed(old.get("fingerprint").s(), old.get("task_id").s()));
        }
    }

    @Override
    public void release(IdempotencyKey key) {
        ddb.updateItem(b -> b.tableName(table).key(Map.of(keyAttribute, s(itemKey(key))))
                .updateExpression("SET released = :yes").expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
    }

    private static String itemKey(IdempotencyKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((key.scope() + "\n" + key.key()).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
