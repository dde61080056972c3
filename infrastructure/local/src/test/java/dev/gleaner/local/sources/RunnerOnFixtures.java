package dev.gleaner.local.sources;

import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.local.LocalOptions;
import dev.gleaner.local.LocalRunner;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A local runner on a loopback port whose real collectors read from a {@link FixtureServer}, and
 * an {@link ApiClient} on it: what this package's end-to-end tests start once per class and close
 * after it.
 */
final class RunnerOnFixtures implements AutoCloseable {
    final FixtureServer sources;
    final LocalRunner runner;
    final ApiClient api;

    private RunnerOnFixtures(FixtureServer sources, LocalRunner runner) {
        this.sources = sources;
        this.runner = runner;
        this.api = new ApiClient(runner.baseUrl());
    }

    /** Starts the fixture server, lets {@code fixtures} set its answers, then starts the runner on it. */
    static RunnerOnFixtures start(Consumer<FixtureServer> fixtures) throws IOException {
        FixtureServer sources = FixtureServer.start();
        try {
            fixtures.accept(sources);
            return new RunnerOnFixtures(sources, LocalRunner.start(new LocalOptions("127.0.0.1", 0, null),
                    new LocalRunner.Overrides(RealSources.at(sources), null)));
        } catch (IOException | RuntimeException | Error e) {
            sources.close();
            throw e;
        }
    }

    /** Closes {@code fixture} when a class's start got that far. */
    static void close(RunnerOnFixtures fixture) {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Override
    public void close() {
        try {
            runner.close();
        } finally {
            sources.close();
        }
    }
}
