package dev.gleaner.aws.tables;

import dev.gleaner.embedded.EmbeddedDynamo;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A fresh, uniquely named set of Gleaner tables, so tests sharing one DynamoDB Local never collide. */
public record TestTables(DynamoDbClient client, String tasks, String semaphore, String records, String scrape) {
    public static TestTables create(DynamoDbClient client) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        TestTables t = new TestTables(client, "tasks-" + suffix, "semaphore-" + suffix, "records-" + suffix,
                "scrape-" + suffix);
        TableDefinitions.ensureAll(client, t.tasks, t.semaphore, t.records, t.scrape);
        return t;
    }

    public static TestTables create() {
        return create(EmbeddedDynamo.shared().client());
    }
}
