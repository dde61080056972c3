package dev.gleaner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmarks' own parts (quick; the benchmarks themselves never run in the test phase). */
class BenchSupportTest {
    @Test
    void percentilesAreNearestRank() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = (100 - i) * 1_000L; // unsorted on purpose
        }
        Percentiles p = new Percentiles(samples);
        assertEquals(50_000, p.nanos(50));
        assertEquals(99_000, p.nanos(99));
        assertEquals(100_000, p.nanos(100));
        assertEquals(1_000, p.nanos(0.5));
        assertEquals(50.5, p.meanMicros(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> p.nanos(0));
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(new long[0]));
    }

    @Test
    void communityPagesHoldTheDaysPostsThenOneOlderPerCategory() throws Exception {
        CommunityPages pages = new CommunityPages(1_000, List.of("hospital_question", "review"), 45);
        assertEquals(3, pages.pagesPerCategory.get("hospital_question"), "45 of the day + 1 older, 20 a page");
        assertEquals(List.of("11/0", "11/20", "11/40", "5/0", "5/20", "5/40"), List.copyOf(pages.pages.keySet()));
        Set<Long> ids = new HashSet<>();
        int ofTheDay = 0;
        for (byte[] body : pages.pages.values()) {
            JsonNode page = Json.parse(new String(body, StandardCharsets.UTF_8));
            assertEquals("SUCCESS", page.get("reason").asText());
            for (JsonNode post : page.get("data")) {
                assertTrue(ids.add(post.get("id").asLong()), "ids are unique");
                String day = Instant.ofEpochMilli(post.get("createTime").asLong()).atZone(ZoneId.of("Asia/Seoul"))
                        .toLocalDate().toString();
                if (day.equals(CommunityPages.TARGET_DATE)) {
                    ofTheDay++;
                } else {
                    assertEquals("2025-01-14", day);
                }
            }
        }
        assertEquals(90, ofTheDay);
        assertEquals(92, ids.size());
        assertEquals(pages.pages.get("5/20"), pages.page(Map.of("categoryIds", "5", "start", "20")));
        assertNull(pages.page(Map.of("categoryIds", "5", "start", "60")));
        assertNull(pages.page(Map.of("categoryIds", "x")));
        assertEquals(List.of(CommunityPages.PATH + "?start=0&length=20&sort=createTime&categoryIds=5",
                CommunityPages.PATH + "?start=20&length=20&sort=createTime&categoryIds=5",
                CommunityPages.PATH + "?start=40&length=20&sort=createTime&categoryIds=5"), pages.uris("review"));
    }

    @Test
    void thePageServerAnswersKnownPagesOnOneKeptAliveConnection() throws Exception {
        CommunityPages pages = new CommunityPages(1_000, List.of("free_chat"), 30);
        try (PageServer server = new PageServer(pages)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String uri : pages.uris("free_chat")) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.origin() + uri)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            }
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(server.origin()
                    + CommunityPages.PATH + "?start=999&categoryIds=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
            assertEquals(3, server.requests());
        }
    }
}
