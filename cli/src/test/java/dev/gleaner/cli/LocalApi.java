package dev.gleaner.cli;

import dev.gleaner.collectors.BatchRequest;
import dev.gleaner.collectors.BatchResult;
import dev.gleaner.collectors.CategoryPlan;
import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.core.net.AddressPolicy;
import dev.gleaner.safehttp.SafeHttpClient;
import java.net.InetAddress;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.local.LocalOptions;
import dev.gleaner.local.LocalRunner;
import dev.gleaner.local.ShopPages;
import dev.gleaner.local.sources.RealSources;
import dev.gleaner.local.sources.SourceFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local runner for every CLI test in this JVM (started once: DynamoDB Local takes seconds),
 * with the production collectors pointed at a loopback fixture server replaying the collectors'
 * recorded responses (SourceFixtures, the same ones the runner's own end-to-end tests use):
 * Babitalk, Gangnam Unni and Naver on 2025-01-15.
 * A gate lets a test hold every collection batch until it says so (a task then stays running).
 */
final class LocalApi implements AutoCloseable {
    static final String DATE = SourceFixtures.TARGET_DATE;

    private static LocalApi instance;

    final FixtureServer sources;
    /** A product page (Shopify, JSON-LD offer) at {@link #shop} for scrapes. */
    final ShopPages pages;
    final LocalRunner runner;
    final Gate gate = new Gate();

    private LocalApi() throws Exception {
        sources = FixtureServer.start();
        SourceFixtures.babitalk(sources, Duration.ZERO);
        SourceFixtures.gangnamunni(sources);
        SourceFixtures.naver(sources);
        Function<Platform, Collector> real = RealSources.at(sources);
        pages = new ShopPages();
        // Product pages are reached through a public-looking name that a test resolver maps to loopback.
        SafeHttpClient fetcher = SafeHttpClient.builder().addressPolicy(AddressPolicy.LOOPBACK_FOR_TESTS)
                .resolver(host -> List.of(InetAddress.getLoopbackAddress())).readTimeout(Duration.ofSeconds(5))
                .totalTimeout(Duration.ofSeconds(10)).maxAttempts(1).build();
        runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null),
                new LocalRunner.Overrides(p -> new GatedCollector(real.apply(p), gate), null, fetcher, 1));
    }

    /** The shop's origin, as a public-looking name. */
    String shop() {
        return pages.origin();
    }

    /**
     * The shared runner, started on first use. {@link Shared} closes it when JUnit has run every
     * test class, before the test JVM exits: closed from a JVM shutdown hook instead, ElasticMQ's
     * stop raced its own hook and the JVM outlived surefire's 30 s exit grace.
     */
    static synchronized LocalApi get() throws Exception {
        if (instance == null) {
            instance = new LocalApi();
        }
        return instance;
    }

    @Override
    public synchronized void close() {
        runner.close();
        sources.close();
        pages.close();
    }

    /** Puts the shared runner in JUnit's root store, which closes it at the end of the run. */
    static final class Shared implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(LocalApi.class, k -> {
                try {
                    return get();
                } catch (Exception e) {
                    throw new IllegalStateException("the local runner did not start", e);
                }
            });
        }
    }

    String url() {
        return runner.baseUrl();
    }

    /** What one command printed and returned. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code gleaner args...} in-process against this runner (not a terminal). */
    Result run(String... args) {
        return run(Map.of(), "", args);
    }

    Result run(Map<String, String> extraEnv, String stdin, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("GLEANER_API_URL", url());
        env.put("LANG", "en_US.UTF-8");
        env.putAll(extraEnv);
        return runWith(env, stdin, args);
    }

    static Result runWith(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = Cli.plain(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        int code = Main.run(args, cli);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Holds collection batches while closed; open (the default) lets them all through. */
    static final class Gate {
        private final Semaphore permits = new Semaphore(0);
        private volatile boolean closed;

        /** From now on every batch waits for a {@link #release}. */
        void close() {
            permits.drainPermits();
            closed = true;
        }

        /** Lets {@code n} more batches through. */
        void release(int n) {
            permits.release(n);
        }

        /** Lets everything through again, the batches waiting now included. */
        void open() {
            closed = false;
            permits.release(10_000);
        }

        void pass() {
            if (closed) {
                permits.acquireUninterruptibly();
            }
        }
    }

    /** A production collector whose batches wait at the gate. */
    private record GatedCollector(Collector delegate, Gate gate) implements Collector {
        @Override
        public Platform platform() {
            return delegate.platform();
        }

        @Override
        public List<CategoryPlan> plan(CollectionRequest request, Secrets secrets) throws SourceException {
            return delegate.plan(request, secrets);
        }

        @Override
        public BatchResult collectBatch(BatchRequest request) throws SourceException {
            gate.pass();
            return delegate.collectBatch(request);
        }
    }
}
