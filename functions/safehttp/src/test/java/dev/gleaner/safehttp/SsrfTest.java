package dev.gleaner.safehttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.net.AddressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loopback opt-in is OFF here ({@link AddressPolicy#STRICT}). A test resolver maps names to
 * addresses; the one "public" address (93.184.215.14) is served by {@link PinnedSockets}, which
 * sends its connections to the test's loopback server and dials no other non-loopback address, so
 * nothing ever leaves the machine.
 */
class SsrfTest {
    private static final byte[] PUBLIC = {93, (byte) 184, (byte) 215, 14};
    private final MockWebServer server = LoopbackServer.start();
    private PinnedSockets sockets;

    @BeforeEach
    void start() throws IOException {
        sockets = new PinnedSockets(InetAddress.getByAddress(PUBLIC), server.getPort());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private final Dns testResolver = host -> switch (host) {
        case "shop.test" -> List.of(InetAddress.getByAddress(host, PUBLIC));
        case "evil.test" -> List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        case "metadata.test" -> List.of(InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}));
        case "mixed.test" -> List.of(InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1}), InetAddress.getByAddress(host, PUBLIC));
        default -> throw new UnknownHostException(host);
    };

    private SafeHttpClient strictClient() {
        return SafeHttpClient.builder().addressPolicy(AddressPolicy.STRICT).resolver(testResolver)
                .socketFactoryForTests(sockets).sleeper(d -> { }).build();
    }

    private static MockResponse redirectTo(String location) {
        return new MockResponse.Builder().code(302).setHeader("Location", location).build();
    }

    @Test
    void sanityThePublicTestAddressIsReachable() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html").body("<p>shop</p>").build());
        assertEquals("<p>shop</p>", strictClient().get("http://shop.test/p").body());
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByAddress("shop.test", PUBLIC), 80)), sockets.requested);
    }

    @Test
    void redirectToLoopbackLiteralIsRefused() {
        server.enqueue(redirectTo("http://127.0.0.1:" + server.getPort() + "/admin"));
        server.enqueue(new MockResponse.Builder().body("secret").build());
        FetchException e = assertThrows(FetchException.class, () -> strictClient().get("http://shop.test/p"));
        assertEquals("refused address: loopback", e.getMessage());
        assertEquals(FetchException.Kind.REFUSED_ADDRESS, e.kind());
        assertEquals(1, server.getRequestCount(), "only the public hop reached the server");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://127.1/", "http://[::1]/",
        "http://[::ffff:127.0.0.1]/", "http://localhost/", "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/", "http://0.0.0.0/", "http://metadata.google.internal/", "http://evil.test/"
    })
    void redirectsToRefusedTargetsInAnySpellingAreRefused(String location) {
        server.enqueue(redirectTo(location));
        FetchException e = assertThrows(FetchException.class, () -> strictClient().get("http://shop.test/p"));
        assertTrue(e.getMessage().startsWith("refused address: "), e.getMessage());
        assertEquals(1, server.getRequestCount());
        assertEquals(1, sockets.requested.size(), "no connection was attempted for the redirect");
    }

    @Test
    void nameResolvingToLoopbackIsRefused() {
        server.enqueue(new MockResponse.Builder().body("secret").build());
        FetchException e = assertThrows(FetchException.class, () -> strictClient().get("http://evil.test:" + server.getPort() + "/"));
        assertEquals("refused address: loopback", e.getMessage());
        assertEquals(0, server.getRequestCount());
        assertTrue(sockets.requested.isEmpty());
    }

    @Test
    void nameResolvingToMetadataIsRefused() {
        FetchException e = assertThrows(FetchException.class, () -> strictClient().get("http://metadata.test/"));
        assertEquals("refused address: link-local (cloud metadata)", e.getMessage());
        assertTrue(sockets.requested.isEmpty());
    }

    @Test
    void refusedAddressesAreDroppedAndOnlyPermittedOnesAreUsed() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html").body("<p>ok</p>").build());
        strictClient().get("http://mixed.test/");
        assertEquals(1, sockets.requested.size());
        assertEquals(InetAddress.getByAddress(PUBLIC), ((InetSocketAddress) sockets.requested.get(0)).getAddress());
    }

    @Test
    void literalLoopbackIsRefusedBeforeConnecting() {
        // OkHttp does not consult Dns for IP literals: the client must check them itself.
        for (String url : List.of("http://127.0.0.1:" + server.getPort() + "/", "http://[::1]:" + server.getPort() + "/",
                "http://localhost:" + server.getPort() + "/")) {
            FetchException e = assertThrows(FetchException.class, () -> strictClient().get(url));
            assertEquals("refused address: loopback", e.getMessage(), url);
        }
        assertEquals(0, server.getRequestCount());
        assertTrue(sockets.requested.isEmpty());
    }

    @Test
    void unknownNamesFailClearly() {
        FetchException e = assertThrows(FetchException.class, () -> strictClient().get("http://nowhere.test/"));
        assertEquals("Failed to load page: host not found (nowhere.test)", e.getMessage());
        assertEquals(FetchException.Kind.DNS, e.kind());
    }

    @Test
    void callbacksObeyThePolicyToo() {
        FetchException e = assertThrows(FetchException.class,
                () -> strictClient().post("http://127.0.0.1:" + server.getPort() + "/hook", "{}", Map.of()));
        assertEquals("refused address: loopback", e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void defaultClientIsStrict() {
        SafeHttpClient plain = SafeHttpClient.builder().build();
        assertFalse(plain.policy().allowsLoopback());
        FetchException e = assertThrows(FetchException.class, () -> plain.get("http://127.0.0.1:" + server.getPort() + "/"));
        assertEquals("refused address: loopback", e.getMessage());
        assertEquals(0, server.getRequestCount());
    }
}
