package dev.gleaner.aws.tables;

import dev.gleaner.embedded.EmbeddedDynamo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A DynamoDB client on the shared DynamoDB Local that records the name of every request it sends. */
public final class CountingDynamo {
    public final List<String> operations = new CopyOnWriteArrayList<>();
    public final DynamoDbClient client;

    public CountingDynamo() {
        client = EmbeddedDynamo.shared().client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        });
    }

    public void reset() {
        operations.clear();
    }
}
