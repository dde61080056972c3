package dev.gleaner.embedded;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * An AWS stand-in (DynamoDB Local, ElasticMQ) inside this JVM on a loopback port, with a client of
 * it. Every client of a stand-in has dummy credentials (the stand-ins ignore them) and, unless told
 * otherwise, one HTTP client shared by the whole JVM.
 *
 * @param <C> the SDK client of the service it stands in for
 */
public abstract class EmbeddedServer<C extends SdkClient> implements AutoCloseable {
    /** Shared by the clients of every embedded server in this JVM. */
    static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder().build();
    private static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private final int port;
    private final C client;

    /** @param builder a new builder of the service's client, configured here for this server */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> EmbeddedServer(int port, B builder) {
        this.port = port;
        this.client = local(builder, HTTP).build();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public C client() {
        return client;
    }

    /** {@code builder} pointed at this server, over {@code http}. */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> B local(B builder, SdkHttpClient http) {
        return builder.httpClient(http).endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS);
    }

    /** Stops the server; what it throws is swallowed by {@link #close()}. */
    abstract void stop() throws Exception;

    @Override
    public void close() {
        client.close();
        try {
            stop();
        } catch (Exception slow) {
            // Shutting down anyway. ElasticMQ waits at most a minute for its actor system to stop,
            // then throws a (Scala) TimeoutException; on a loaded 2-core machine it can take that
            // long. The port is released and the actors finish stopping in the background: a slow
            // stop is not a failed close.
        }
    }
}
