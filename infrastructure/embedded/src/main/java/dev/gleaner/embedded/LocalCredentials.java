package dev.gleaner.embedded;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Dummy credentials for the embedded stand-ins (DynamoDB Local, ElasticMQ), which ignore them. */
final class LocalCredentials {
    static final AwsCredentialsProvider PROVIDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private LocalCredentials() {}
}
