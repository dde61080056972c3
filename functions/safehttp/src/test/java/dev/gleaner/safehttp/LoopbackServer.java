package dev.gleaner.safehttp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import mockwebserver3.MockWebServer;

/** The tests' HTTP server: a MockWebServer on 127.0.0.1 at a free port (the test closes it). */
public final class LoopbackServer {
    private LoopbackServer() {}

    /** Started; as a test's field initialiser, one per test method. */
    public static MockWebServer start() {
        MockWebServer server = new MockWebServer();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }
}
