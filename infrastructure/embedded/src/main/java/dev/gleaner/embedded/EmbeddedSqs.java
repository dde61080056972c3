package dev.gleaner.embedded;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ, an SQS-compatible server, inside this JVM on a loopback port. */
public final class EmbeddedSqs extends EmbeddedServer<SqsClient> {
    private final SQSRestServer server;

    private EmbeddedSqs(SQSRestServer server, int port) {
        super(port, SqsClient.builder());
        this.server = server;
    }

    public static EmbeddedSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(server, port);
    }

    @Override
    void stop() {
        server.stopAndWait();
    }
}
