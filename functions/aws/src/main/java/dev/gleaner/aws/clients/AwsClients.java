package dev.gleaner.aws.clients;

import java.net.URI;
import java.util.Optional;
import dev.gleaner.core.config.Lazy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.translate.TranslateClient;

/**
 * SDK clients, built once per container (Lambda reuses the JVM between invocations) and shared.
 * Every client uses the UrlConnection HTTP client: no Apache or Netty in Lambda jars, and a
 * faster cold start. Region and credentials come from the Lambda environment.
 */
public final class AwsClients {
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder().build();
    private static final Lazy<DynamoDbClient> DYNAMO = Lazy.of(() -> DynamoDbClient.builder()
            .httpClient(HTTP).region(region()).build());
    private static final Lazy<SfnClient> SFN = Lazy.of(() -> SfnClient.builder()
            .httpClient(HTTP).region(region()).build());
    private static final Lazy<SqsClient> SQS = Lazy.of(() -> SqsClient.builder()
            .httpClient(HTTP).region(region()).build());

    private static final Lazy<SecretsManagerClient> SECRETS = Lazy.of(() -> SecretsManagerClient.builder()
            .httpClient(HTTP).region(region()).build());

    private AwsClients() {}

    private static final Lazy<TranslateClient> TRANSLATE = Lazy.of(() -> TranslateClient.builder()
            .httpClient(HTTP).region(region()).build());

    public static TranslateClient translate() {
        return TRANSLATE.get();
    }

    public static SecretsManagerClient secrets() {
        return SECRETS.get();
    }

    public static DynamoDbClient dynamo() {
        return DYNAMO.get();
    }

    public static SfnClient stepFunctions() {
        return SFN.get();
    }

    public static SqsClient sqs() {
        return SQS.get();
    }

    public static SdkHttpClient httpClient() {
        return HTTP;
    }

    private static Region region() {
        return Optional.ofNullable(System.getenv("AWS_REGION")).map(Region::of).orElse(Region.US_EAST_1);
    }

    /** A DynamoDB client for a given endpoint (DynamoDB Local, tests). */
    public static DynamoDbClient dynamoAt(URI endpoint) {
        return DynamoDbClient.builder().httpClient(HTTP).endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(LocalCredentials.PROVIDER).build();
    }

    /** An SQS client for a given endpoint (ElasticMQ, tests). */
    public static SqsClient sqsAt(URI endpoint) {
        return SqsClient.builder().httpClient(HTTP).endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(LocalCredentials.PROVIDER).build();
    }

}
