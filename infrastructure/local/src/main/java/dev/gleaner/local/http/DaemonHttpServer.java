package dev.gleaner.local.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link HttpServer} on its own pool of daemon threads ({@code threads}, also for work a
 * request starts and does not wait for), stopped together with them: the local runner's small
 * internal servers (the demo sources, the Lambda Invoke endpoint). The API itself is served by
 * {@link ApiHttpServer}.
 */
public record DaemonHttpServer(HttpServer http, ExecutorService threads) implements AutoCloseable {
    /**
     * Bound, not started yet ({@code http().start()}).
     *
     * @param maxThreads requests served at a time; 0 for a thread each (none waits for another)
     */
    public static DaemonHttpServer bind(InetSocketAddress address, String threadName, int maxThreads,
            HttpHandler handler) throws IOException {
        HttpServer http = HttpServer.create(address, 64);
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
        ExecutorService threads = maxThreads > 0 ? Executors.newFixedThreadPool(maxThreads, daemons)
                : Executors.newCachedThreadPool(daemons);
        http.setExecutor(threads);
        http.createContext("/", handler);
        return new DaemonHttpServer(http, threads);
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
