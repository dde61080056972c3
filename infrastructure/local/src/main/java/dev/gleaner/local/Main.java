package dev.gleaner.local;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar gleaner-local.jar}: runs until Ctrl-C, then shuts everything down cleanly. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        // Our own shutdown hook stops everything in order; log4j's would race it and warn.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        LocalOptions options;
        try {
            options = LocalOptions.parse(args, System.getenv());
        } catch (LocalOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("gleaner-local: " + e.getMessage());
            }
            System.err.print(LocalOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        long t0 = System.nanoTime();
        LocalRunner runner;
        try {
            runner = LocalRunner.start(options);
        } catch (java.net.BindException e) {
            System.err.println("gleaner-local: port " + options.port() + " is already in use; try --port N");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Gleaner: shutting down...");
            runner.close();
            stopped.countDown();
        }, "gleaner-shutdown"));
        System.out.printf("Gleaner is listening on %s (ready in %d ms; data: %s). Press Ctrl-C to stop.%n",
                runner.baseUrl(), (System.nanoTime() - t0) / 1_000_000,
                options.dataDir() == null ? "in memory" : options.dataDir().toAbsolutePath());
        System.out.flush();
        stopped.await();
    }
}
