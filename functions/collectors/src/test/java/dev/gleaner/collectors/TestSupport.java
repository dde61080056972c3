package dev.gleaner.collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordComment;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.time.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Shared set-up for the collector tests. */
public final class TestSupport {
    /** Fetch time of every test: 2025-01-16 12:00 in Seoul. */
    public static final Instant NOW = Instant.parse("2025-01-16T03:00:00Z");
    public static final LocalDate TARGET = LocalDate.of(2025, 1, 15);

    private TestSupport() {}

    /**
     * List pages per call in these tests: fewer than production's so that the fixtures' few pages
     * still span several calls and every test crosses a cursor hand-over.
     */
    public static final int PAGES_PER_CALL = 3;

    /** What a source's post says: its text, author, time, counts and comments. */
    public static void assertPost(CollectedRecord post, String body, String author, String createdAt, Long views, Long likes,
            List<RecordComment> comments) {
        assertEquals(body, post.body());
        assertEquals(author, post.author());
        assertEquals(createdAt, post.createdAt());
        assertEquals(views, post.viewCount());
        assertEquals(likes, post.likeCount());
        assertEquals(comments.size(), post.commentCount());
        assertEquals(comments, post.comments());
    }

    /** What a review record says of the treatment: where, what, for how much, and how it was rated. */
    public static void assertTreatment(CollectedRecord review, String hospital, String procedure, Long price, Double rating) {
        assertEquals(hospital, review.hospital());
        assertEquals(procedure, review.procedure());
        assertEquals(price, review.price());
        assertEquals(rating, review.rating());
    }

    /** Real HTTP to the fixture server, delay factor 1 on a fake clock, fixed jitter. */
    public static CollectorOptions options(FixtureServer server, FakeTime time) {
        return new CollectorOptions(SourceEndpoints.allAt(server.origin()), CollectorOptions.newClient(), time, time, 1.0,
                () -> 0.5, new RequestCounter(), Duration.ofSeconds(10), CollectorOptions.CALL_BUDGET,
                PAGES_PER_CALL);
    }

    public static CollectionRequest babitalk(int limit, String... categories) {
        return new CollectionRequest(Platform.BABITALK, TARGET, null, List.of(categories), limit, false, null, List.of(), 0, null);
    }

    public static CollectionRequest gangnamunni(int limit, boolean saveAsReviews, String... categories) {
        return new CollectionRequest(Platform.GANGNAMUNNI, TARGET, null, List.of(categories), limit, saveAsReviews, null,
                List.of(), 0, null);
    }

    public static CollectionRequest naver(String cafeId, int perPage, int limit, String... menuIds) {
        return new CollectionRequest(Platform.NAVER, TARGET, null, List.of(), limit, false, cafeId, List.of(menuIds),
                perPage, null);
    }

    /** Calls the collector until the category is finished, the way the workflow does (waits skipped). */
    public static Run runAll(Collector collector, BatchRequest first, int maxCalls) throws SourceException {
        Run run = new Run();
        BatchRequest req = first;
        for (int i = 0; i < maxCalls; i++) {
            BatchResult r = collector.collectBatch(req);
            run.results.add(r);
            run.records.addAll(r.records());
            run.posts += r.posts();
            if (!r.hasMore()) {
                return run;
            }
            req = req.next(r, first.alreadyCollected() + run.posts);
        }
        throw new AssertionError("category not finished after " + maxCalls + " calls");
    }

    public static final class Run {
        public final List<BatchResult> results = new ArrayList<>();
        public final List<CollectedRecord> records = new ArrayList<>();
        public int posts;

        public List<CollectedRecord> posts() {
            return records.stream().filter(r -> r.kind().equals(CollectedRecord.KIND_POST)).toList();
        }

        public List<CollectedRecord> reviews() {
            return records.stream().filter(r -> r.kind().equals(CollectedRecord.KIND_REVIEW)).toList();
        }

        public List<String> ids() {
            return records.stream().map(CollectedRecord::sourceId).toList();
        }

        public List<String> notes() {
            return results.stream().flatMap(r -> r.notes().stream()).toList();
        }

        public String json() {
            return Json.write(records);
        }
    }
}
