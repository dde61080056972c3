package dev.gleaner.collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gleaner.core.task.Platform;
import dev.gleaner.core.time.FakeTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A collector against the fixture server on a fake clock ({@link TestSupport#options}); after each
 * test, every request it made must have had a fixture.
 */
public abstract class CollectorTestCase {
    protected FixtureServer server;
    protected FakeTime time;
    protected Collector collector;

    private final Platform platform;

    protected CollectorTestCase(Platform platform) {
        this.platform = platform;
    }

    @BeforeEach
    void startFixtureServer() {
        server = FixtureServer.start();
        time = new FakeTime(TestSupport.NOW);
        collector = Collectors.forPlatform(platform, TestSupport.options(server, time));
    }

    @AfterEach
    void everyRequestHadAFixture() {
        assertEquals(List.of(), server.unmatched(), "requests without a fixture");
        server.close();
    }
}
