package dev.gleaner.aws.tables;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The schema of every table, in one place: the local runner and the tests create tables from it,
 * and the template test checks that {@code template.yaml} declares the same keys and indexes.
 */
public final class TableDefinitions {
    /** The TTL attribute of every table (epoch seconds). Reads also filter on it: TTL deletion is late. */
    public static final String TTL_ATTRIBUTE = "expires_at";

    public static final String TASKS_BY_CREATED = "by_created";
    public static final String TASKS_BY_STATUS = "by_status";
    public static final String RECORDS_BY_CATEGORY = "by_category";

    /**
     * Task attributes copied into the task indexes besides their keys: only what their readers
     * filter or count on (listing filters on platform and expiry, the summary counts statuses).
     * Listing then reads the tasks themselves with BatchGetItem, so no index carries logs, summaries,
     * requests or secrets, and an index entry stays a few dozen bytes.
     */
    public static final List<String> TASKS_BY_CREATED_ATTRIBUTES = List.of("status", "platform", TTL_ATTRIBUTE);
    public static final List<String> TASKS_BY_STATUS_ATTRIBUTES = List.of("platform", TTL_ATTRIBUTE);

    public record Table(String envName, CreateTableRequest create) {}

    private TableDefinitions() {}

    public static CreateTableRequest tasks(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("id"), attr("list_pk"), attr("created_at"), attr("status"))
                .keySchema(hash("id"))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName(TASKS_BY_CREATED)
                                .keySchema(hash("list_pk"), range("created_at")).projection(include(TASKS_BY_CREATED_ATTRIBUTES)).build(),
                        GlobalSecondaryIndex.builder().indexName(TASKS_BY_STATUS)
                                .keySchema(hash("status"), range("created_at")).projection(include(TASKS_BY_STATUS_ATTRIBUTES)).build())
                .build();
    }

    public static CreateTableRequest semaphore(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("id")).keySchema(hash("id")).build();
    }

    public static CreateTableRequest records(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk"), attr("sk"), attr("platform_category"), attr("created_at"))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(RECORDS_BY_CATEGORY)
                        .keySchema(hash("platform_category"), range("created_at"))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .build();
    }

    public static CreateTableRequest scrape(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk")).keySchema(hash("pk")).build();
    }

    /** Creates a table if it does not exist yet, waits for it, and enables TTL where the table has one. */
    public static void ensure(DynamoDbClient ddb, CreateTableRequest create, boolean ttl) {
        try {
            ddb.createTable(create);
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        ddb.waiter().waitUntilTableExists(b -> b.tableName(create.tableName()));
        if (ttl) {
            ddb.updateTimeToLive(UpdateTimeToLiveRequest.builder().tableName(create.tableName())
                    .timeToLiveSpecification(TimeToLiveSpecification.builder().enabled(true)
                            .attributeName(TTL_ATTRIBUTE).build()).build());
        }
    }

    /** All tables, keyed by the environment variable that names them, with their default local names. */
    public static void ensureAll(DynamoDbClient ddb, String tasks, String semaphore, String records, String scrape) {
        ensure(ddb, tasks(tasks), true);
        ensure(ddb, semaphore(semaphore), false);
        ensure(ddb, records(records), false);
        ensure(ddb, scrape(scrape), true);
    }

    private static Projection include(List<String> attributes) {
        return Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(attributes).build();
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
