package dev.gleaner.workflow;

import dev.gleaner.aws.clients.AwsClients;
import dev.gleaner.embedded.EmbeddedDynamo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A DynamoDB client on the shared DynamoDB Local that records the name of every request it sends. */
final class CountingDynamo {
    final List<String> operations = new CopyOnWriteArrayList<>();
    final DynamoDbClient client;

    CountingDynamo() {
        EmbeddedDynamo dynamo = EmbeddedDynamo.shared();
        client = DynamoDbClient.builder().httpClient(AwsClients.httpClient()).endpointOverride(dynamo.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                })).build();
    }

    void reset() {
        operations.clear();
    }
}
