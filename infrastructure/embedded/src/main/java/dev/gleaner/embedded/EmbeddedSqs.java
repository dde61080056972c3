package dev.gleaner.embedded;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ, an SQS-compatible server, inside this JVM on a loopback port. */
public final class EmbeddedSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;
    private final SqsClient client;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = SqsClient.builder().httpClient(EmbeddedDynamo.HTTP).endpointOverride(endpoint())
                .region(Region.US_EAST_1).credentialsProvider(LocalCredentials.PROVIDER).build();
    }

    public static EmbeddedSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(server, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public SqsClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        try {
            server.stopAndWait();
        } catch (Exception slow) {
            // ElasticMQ waits at most a minute for its actor system to stop, then throws a (Scala)
            // TimeoutException; on a loaded 2-core machine it can take that long. The port is released
            // and the actors finish stopping in the background: a slow stop is not a failed close.
        }
    }
}
