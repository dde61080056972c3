package dev.gleaner.aws.clients;

import dev.gleaner.core.config.Env;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.translate.TranslateClient;

/**
 * SDK clients, built once per container (Lambda reuses the JVM between invocations) and shared.
 * Every client uses the UrlConnection HTTP client: no Apache or Netty in Lambda jars, and a
 * faster cold start. Region and credentials come from the Lambda environment.
 *
 * Each client lives in its own holder class, initialised on first use: a function whose jar lacks
 * a service module (the service SDKs are optional dependencies) never loads that client's class.
 */
public final class AwsClients {
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder().build();

    private AwsClients() {}

    private static final class Dynamo {
        static final DynamoDbClient CLIENT = DynamoDbClient.builder().httpClient(HTTP).region(region()).build();
    }

    private static final class StepFunctions {
        static final SfnClient CLIENT = SfnClient.builder().httpClient(HTTP).region(region()).build();
    }

    private static final class Sqs {
        static final SqsClient CLIENT = SqsClient.builder().httpClient(HTTP).region(region()).build();
    }

    private static final class Secrets {
        static final SecretsManagerClient CLIENT = SecretsManagerClient.builder().httpClient(HTTP).region(region()).build();
    }

    private static final class Translate {
        static final TranslateClient CLIENT = TranslateClient.builder().httpClient(HTTP).region(region()).build();
    }

    public static DynamoDbClient dynamo() {
        return Dynamo.CLIENT;
    }

    public static SfnClient stepFunctions() {
        return StepFunctions.CLIENT;
    }

    public static SqsClient sqs() {
        return Sqs.CLIENT;
    }

    public static SecretsManagerClient secrets() {
        return Secrets.CLIENT;
    }

    public static TranslateClient translate() {
        return Translate.CLIENT;
    }

    /** The HTTP client every SDK client here uses (the local runner wraps it to inject faults). */
    public static SdkHttpClient httpClient() {
        return HTTP;
    }

    private static Region region() {
        return Optional.ofNullable(System.getenv(Env.AWS_REGION)).map(Region::of).orElse(Region.US_EAST_1);
    }
}
