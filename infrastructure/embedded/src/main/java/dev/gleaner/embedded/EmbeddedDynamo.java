package dev.gleaner.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local running inside this JVM on a loopback port: in memory, or in a folder to keep
 * data between runs. Like DynamoDB it deletes items whose TTL has passed, late and at its own
 * pace; Gleaner's reads filter them, which is what the tests check (with clocks set in the future
 * when they write tasks, which carry a TTL from creation).
 */
public final class EmbeddedDynamo extends EmbeddedServer<DynamoDbClient> {
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");

    private final DynamoDBProxyServer server;

    private EmbeddedDynamo(DynamoDBProxyServer server, int port) {
        super(port, DynamoDbClient.builder());
        this.server = server;
    }

    private static EmbeddedDynamo shared;

    /**
     * One in-memory instance per JVM, started on first use and stopped at exit: tests share it
     * (starting DynamoDB Local costs about two seconds) and isolate themselves with their own tables.
     */
    public static synchronized EmbeddedDynamo shared() {
        if (shared == null) {
            shared = start(null);
            EmbeddedDynamo s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "dynamodb-local-stop"));
        }
        return shared;
    }

    /** @param dataDir null for in-memory; else the folder that keeps the database file */
    public static EmbeddedDynamo start(Path dataDir) {
        int port = freePort();
        // No telemetry: nothing leaves this machine.
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            dataDir.toFile().mkdirs();
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb"));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            // sqlite4java warns that it cannot read its version from a shaded jar's name; harmless.
            SQLITE_LOG.setLevel(Level.OFF);
            return new EmbeddedDynamo(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start: " + e.getMessage(), e);
        }
    }

    /** Another client of this server, over the given HTTP client (the runner's fault injection). */
    public DynamoDbClient client(SdkHttpClient http) {
        return local(DynamoDbClient.builder(), http).build();
    }

    /** Another client of this server whose every request passes {@code interceptor} first (tests count or fail requests). */
    public DynamoDbClient client(ExecutionInterceptor interceptor) {
        return local(DynamoDbClient.builder(), HTTP).overrideConfiguration(c -> c.addExecutionInterceptor(interceptor))
                .build();
    }

    @Override
    void stop() throws Exception {
        server.stop();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
