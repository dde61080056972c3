package dev.gleaner.local.sources;

import dev.gleaner.collectors.Collector;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.Collectors;
import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.collectors.SourceEndpoints;
import dev.gleaner.core.task.Platform;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The production collectors, unchanged, with every source origin pointed at a loopback fixture
 * server and the politeness delays at zero (what GLEANER_DELAY_FACTOR=0 does).
 */
public final class RealSources {
    private RealSources() {}

    public static CollectorOptions options(FixtureServer server) {
        return CollectorOptions.fromEnv().withEndpoints(SourceEndpoints.allAt(server.origin())).withDelayFactor(0)
                .withRequestTimeout(Duration.ofSeconds(10));
    }

    public static Function<Platform, Collector> at(FixtureServer server) {
        return at(options(server));
    }

    public static Function<Platform, Collector> at(CollectorOptions options) {
        Map<Platform, Collector> collectors = new EnumMap<>(Platform.class);
        for (Platform p : Platform.values()) {
            collectors.put(p, Collectors.forPlatform(p, options));
        }
        return collectors::get;
    }
}
