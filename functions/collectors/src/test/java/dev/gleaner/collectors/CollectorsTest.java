package dev.gleaner.collectors;

import static dev.gleaner.collectors.TestSupport.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.collectors.babitalk.BabitalkCollector;
import dev.gleaner.collectors.gangnamunni.GangnamUnniCollector;
import dev.gleaner.collectors.naver.NaverCafeCollector;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.time.FakeTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorsTest {
    @Test
    void onePerPlatform() {
        CollectorOptions o = CollectorOptions.fromEnv();
        assertInstanceOf(BabitalkCollector.class, Collectors.forPlatform(Platform.BABITALK, o));
        assertInstanceOf(GangnamUnniCollector.class, Collectors.forPlatform(Platform.GANGNAMUNNI, o));
        assertInstanceOf(NaverCafeCollector.class, Collectors.forPlatform(Platform.NAVER, o));
        for (Platform p : Platform.values()) {
            assertEquals(p, Collectors.forPlatform(p, o).platform());
        }
    }

    @Test
    void endpointsDefaultToTheLiveSitesAndReadTheEnvironment() throws Exception {
        Env.override(Map.of());
        assertEquals(SourceEndpoints.live(), SourceEndpoints.fromEnv());
        try (FixtureServer server = FixtureServer.start()) {
            server.on("GET", "/v2/reviews").fixture("babitalk/reviews-single.json");
            Env.override(Map.of(Env.BABITALK_API_URL, server.origin() + "/"));
            assertEquals(server.origin(), SourceEndpoints.fromEnv().babitalkApi());
            assertEquals("https://www.gangnamunni.com", SourceEndpoints.fromEnv().gangnamunni());
            BatchResult r = Collectors.forPlatform(Platform.BABITALK).collectBatch(
                    BatchRequest.first(TestSupport.babitalk(0, "reviews"), "reviews", "시술후기", Secrets.NONE, NOW));
            assertEquals(1, r.posts());
        } finally {
            Env.override(Map.of());
        }
    }

    @Test
    void endpointsMustBeOrigins() {
        assertEquals("http://127.0.0.1:8080", SourceEndpoints.allAt("http://127.0.0.1:8080/").babitalkApi());
        for (String bad : new String[] {"ftp://x", "https://x/v2", "https://x?a=1", "not a url", "https://user@x", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceEndpoints.allAt(bad), bad);
            assertTrue(e.getMessage().startsWith("BABITALK_API_URL"), e.getMessage());
        }
    }

    @Test
    void requestCounterSeesEveryExchangeRetriesIncluded() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            server.on("GET", "/v2/reviews").reply(500, "x").fixture("babitalk/reviews-single.json");
            RequestCounter counter = new RequestCounter();
            FakeTime time = new FakeTime(NOW);
            Collector c = Collectors.forPlatform(Platform.BABITALK, TestSupport.options(server, time).withRequests(counter));
            c.collectBatch(BatchRequest.first(TestSupport.babitalk(0, "reviews"), "reviews", "시술후기", Secrets.NONE, NOW));
            assertEquals(2, counter.total());
            assertEquals(2, counter.count("babitalk"));
            assertEquals(0, counter.count("naver"));
            assertEquals(server.requests().size(), counter.total());
            assertEquals(Map.of("babitalk", 2L), counter.snapshot());
        }
    }

    @Test
    void optionsValidate() {
        CollectorOptions o = CollectorOptions.fromEnv();
        assertThrows(IllegalArgumentException.class, () -> o.withMaxPagesPerCall(0));
        assertThrows(IllegalArgumentException.class, () -> o.withDelayFactor(-1));
        assertThrows(IllegalArgumentException.class, () -> o.withDelayFactor(Double.NaN));
        assertEquals(10, CollectorOptions.MAX_PAGES_PER_CALL);
        assertEquals(10, o.maxPagesPerCall());
    }

    @Test
    void secretsAreRedactedInRequestToString() {
        BatchRequest r = BatchRequest.first(TestSupport.babitalk(0), "reviews", "시술후기", new Secrets("NID_AUT=zzzz", "tok-zzzz"), NOW);
        assertTrue(r.toString().contains("naverCookies=***"));
        assertTrue(!r.toString().contains("zzzz"));
    }
}
