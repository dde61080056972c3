package dev.gleaner.safehttp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * Test sockets for the SSRF tests (safehttp's, and the scraper's through this module's test-jar).
 * A connection to one chosen public-looking address is sent to a loopback port instead (so a
 * strict-policy client can reach a test's "public" shop without a packet leaving the machine); a
 * connection to a loopback address goes where it was asked, so a policy that wrongly let a
 * loopback target through would really reach the test's target server, and the test would see
 * it. Any other address is refused here, never dialled.
 *
 * <p>{@link #builder} is public because {@link SafeHttpClient.Builder#socketFactoryForTests} is
 * package-private.
 */
public final class PinnedSockets extends SocketFactory {
    private final InetAddress publicAddress;
    private final int loopbackPort;
    /** Every address a connection was asked for, in order. */
    public final List<SocketAddress> requested = new CopyOnWriteArrayList<>();

    public PinnedSockets(InetAddress publicAddress, int loopbackPort) {
        this.publicAddress = publicAddress;
        this.loopbackPort = loopbackPort;
    }

    /** A builder whose connections go through {@code sockets}. */
    public static SafeHttpClient.Builder builder(PinnedSockets sockets) {
        return SafeHttpClient.builder().socketFactoryForTests(sockets);
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                requested.add(endpoint);
                InetSocketAddress target = (InetSocketAddress) endpoint;
                InetAddress address = target.getAddress();
                if (address != null && address.equals(publicAddress)) {
                    super.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), loopbackPort), timeout);
                } else if (address != null && address.isLoopbackAddress()) {
                    super.connect(endpoint, timeout);
                } else {
                    throw new ConnectException("test sockets never dial " + endpoint);
                }
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException();
    }
}
