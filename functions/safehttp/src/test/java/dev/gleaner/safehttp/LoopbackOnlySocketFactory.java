package dev.gleaner.safehttp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * Every socket it makes connects to one loopback port, whatever address it was asked for, and
 * records the address it was asked for. Lets a test treat a "public" address as allowed by the
 * strict policy while no packet ever leaves the machine.
 */
final class LoopbackOnlySocketFactory extends SocketFactory {
    private final int port;
    final List<SocketAddress> requested = new CopyOnWriteArrayList<>();

    LoopbackOnlySocketFactory(int port) {
        this.port = port;
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                requested.add(endpoint);
                super.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeout);
            }
        };
    }

    @Override
    public Socket createSocket(String host, int p) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int p, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int p) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int p, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException();
    }
}
