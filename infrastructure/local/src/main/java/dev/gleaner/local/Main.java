package dev.gleaner.local;

import dev.gleaner.api.Endpoints;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.local.http.ApiHttpServer;
import dev.gleaner.local.demo.DemoSources;
import dev.gleaner.local.http.RequestGuard;
import java.io.PrintStream;
import java.net.BindException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar gleaner-local.jar}: runs until Ctrl-C, then shuts everything down cleanly. */
public final class Main {
    private Main() {}

    /** {@code -Dgleaner.cds.training=true}: the build's training run (see {@link ClassDataTraining}). */
    static final String TRAINING_PROPERTY = "gleaner.cds.training";

    public static void main(String[] args) throws Exception {
        // java -jar: run on the build's class-data archive when there is one (a second JVM; see ClassDataLauncher).
        Optional<Integer> exit = ClassDataLauncher.relaunch(args);
        if (exit.isPresent()) {
            System.exit(exit.get());
            return;
        }
        ClassDataLauncher.followLauncher(System.getenv());
        // Our own shutdown hook stops everything in order; log4j's would race it and warn.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        LocalOptions options;
        try {
            options = LocalOptions.parse(args, System.getenv());
        } catch (LocalOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("gleaner-local: " + e.getMessage());
                System.err.print(LocalOptions.USAGE);
                System.exit(2);
            }
            System.out.print(LocalOptions.USAGE);
            System.exit(0);
            return;
        }
        // The handlers' JSON log lines go to stderr, beside the banner on stdout.
        StructuredLog.redirect(System.err);
        long t0 = System.nanoTime();
        LocalRunner runner;
        try {
            runner = LocalRunner.start(options);
        } catch (BindException e) {
            System.err.println("gleaner-local: cannot listen on " + options.host() + ":" + options.port()
                    + " (" + e.getMessage() + "); try --port N, or --port 0 for a free one");
            System.exit(1);
            return;
        }
        if (Boolean.getBoolean(TRAINING_PROPERTY)) {
            ClassDataTraining.run(runner);
            runner.close();
            System.exit(0);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Gleaner: shutting down...");
            runner.close();
            stopped.countDown();
        }, "gleaner-shutdown"));
        printBanner(System.out, options, runner, (System.nanoTime() - t0) / 1_000_000);
        System.out.flush();
        stopped.await();
    }

    /** What is running and the URLs to open; the warning for an exposed runner without a key. */
    static void printBanner(PrintStream out, LocalOptions options, LocalRunner runner, long readyMillis) {
        String base = runner.baseUrl();
        out.printf("Gleaner is listening on %s:%d (ready in %d ms; data: %s; sources: %s). Press Ctrl-C to stop.%n",
                options.host().contains(":") ? "[" + options.host() + "]" : options.host(), runner.port(), readyMillis,
                options.dataDir() == null ? "in memory" : options.dataDir().toAbsolutePath(),
                runner.demo() != null ? "built-in demo at " + runner.demo().origin() : "the live sites");
        out.println("  Open:");
        out.println("    " + base + "/                                  the web console");
        out.println("    " + base + Endpoints.COLLECTIONS + "/tasks           collections, newest first");
        out.println("    " + base + Endpoints.COLLECTIONS + "/status/summary  counts per status");
        out.println("    " + base + ApiHttpServer.METRICS_PATH + " ".repeat(33) + "counters for Prometheus (same as CloudWatch's)");
        out.println("  Start a collection:");
        out.println("    curl -s -X POST " + base + Endpoints.COLLECTIONS + "/babitalk/start"
                + (options.apiKey() != null ? " -H 'x-api-key: $GLEANER_API_KEY'" : "")
                + " -H 'Content-Type: application/json' -d '{\"categories\": [\"reviews\"], \"limit\": 24}'");
        if (runner.demo() != null) {
            out.println("  Demo: posts of every day since " + DemoSources.FIRST_DAY + " (several a day over the last "
                    + DemoSources.RECENT_DAYS + " days), cafe " + DemoSources.CAFE_ID + " for Naver; politeness delays x"
                    + Env.delayFactor() + ".");
        }
        if (options.apiKey() != null) {
            out.println("  API key: required in the x-api-key header of every API call.");
        }
        out.println("  Callbacks (callback_url) are signed with " + runner.callbackKey().where()
                + " (X-Gleaner-Signature: sha256=HMAC of \"<X-Gleaner-Timestamp>.<body>\").");
        if (!options.corsOrigins().isEmpty()) {
            out.println("  Web pages allowed to call the API: " + String.join(", ", options.corsOrigins()));
        }
        if (!RequestGuard.isLoopback(options.host()) && options.apiKey() == null) {
            out.println("  WARNING: listening on " + options.host() + ", which other machines can reach, without an"
                    + " API key: anyone who reaches this port can start, cancel and read collections. Set --api-key"
                    + " (or GLEANER_API_KEY), or bind 127.0.0.1.");
        }
    }
}
