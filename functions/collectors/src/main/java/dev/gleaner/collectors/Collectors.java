package dev.gleaner.collectors;

import dev.gleaner.collectors.babitalk.BabitalkCollector;
import dev.gleaner.collectors.gangnamunni.GangnamUnniCollector;
import dev.gleaner.collectors.naver.NaverCafeCollector;
import dev.gleaner.core.task.Platform;
import java.util.Objects;

/** The collector for each platform. */
public final class Collectors {
    private Collectors() {}

    /** A collector configured from the environment ({@link SourceEndpoints#fromEnv()}, GLEANER_DELAY_FACTOR). */
    public static Collector forPlatform(Platform platform) {
        return forPlatform(platform, CollectorOptions.fromEnv());
    }

    public static Collector forPlatform(Platform platform, CollectorOptions options) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(options, "options");
        return switch (platform) {
            case BABITALK -> new BabitalkCollector(options);
            case GANGNAMUNNI -> new GangnamUnniCollector(options);
            case NAVER -> new NaverCafeCollector(options);
        };
    }
}
