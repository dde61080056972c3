package dev.gleaner.aws.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.aws.tables.CountingDynamo;
import dev.gleaner.aws.tables.TestTables;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordComment;
import dev.gleaner.core.record.RecordStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DynamoRecordStoreTest {
    private final CountingDynamo dynamo = new CountingDynamo();
    private final TestTables tables = TestTables.create(dynamo.client);
    private final RecordStore store = new DynamoRecordStore(dynamo.client, tables.records());

    static List<CollectedRecord> page(String category, int from, int count, String createdAt) {
        List<CollectedRecord> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(new CollectedRecord("babitalk", category, CollectedRecord.KIND_POST, category, Integer.toString(i),
                    "https://www.babitalk.com/reviews/" + i, null, "후기 " + i, "닉네임", createdAt, null, null, 1, 5.0,
                    "OO성형외과", "김OO", "쌍꺼풀", 1_200_000L,
                    List.of(new RecordComment("c" + i, "댓글러", "좋아요", createdAt)), Json.object().put("id", i)));
        }
        return records;
    }

    @Test
    void aPageOf24PostsCostsThreeRequestsWithTheProgressUpdateAndIsStoredOnce() {
        dynamo.reset();
        RecordStore.SaveResult first = store.save("task-1", "reviews", 0, page("reviews", 0, 24, "2025-01-15T07:45:01Z"));
        assertEquals(24, first.newPosts());
        assertEquals(List.of("BatchGetItem", "BatchWriteItem"), dynamo.operations,
                "reading which exist + writing the new ones and the page link; the progress update is the third");

        RecordStore.SaveResult again = store.save("task-2", "reviews", 0, page("reviews", 0, 24, "2025-01-15T07:45:01Z"));
        assertEquals(0, again.newPosts(), "the same posts collected again are not new");
        RecordStore.SaveResult mixed = store.save("task-2", "reviews", 1, page("reviews", 20, 10, "2025-01-15T07:45:01Z"));
        assertEquals(6, mixed.newPosts());
        assertEquals(30, store.find("babitalk", "reviews", null, 200, null).items().size(), "stored once each");
    }

    @Test
    void aRetriedCallCountsWhatItsUnfinishedAttemptStoredAsNewAndNothingElse() {
        // An attempt stores two pages, then its source fails: no progress was saved for them.
        RecordStore.CallWriter attempt = store.call("task-r", "reviews", 3);
        assertEquals(24, attempt.page(page("reviews", 0, 24, "2025-01-15T07:45:01Z")).newPosts());
        assertEquals(24, attempt.page(page("reviews", 24, 24, "2025-01-15T07:45:01Z")).newPosts());

        // The retry starts at the same position and reads the same pages: every post still counts as new,
        // and only the page links are written (the records are there already).
        dynamo.reset();
        RecordStore.CallWriter retry = store.call("task-r", "reviews", 3);
        assertEquals(24, retry.page(page("reviews", 0, 24, "2025-01-15T07:45:01Z")).newPosts());
        assertEquals(24, retry.page(page("reviews", 24, 24, "2025-01-15T07:45:01Z")).newPosts());
        retry.finish();
        assertEquals(List.of("BatchGetItem", "BatchGetItem", "BatchWriteItem"), dynamo.operations,
                "two existence reads, then both links in one write at the call's end");

        // Once that call's progress is saved, the next call sees them as collected before; so does
        // another category of the same task, and another task.
        assertEquals(0, store.save("task-r", "reviews", 5, page("reviews", 40, 8, "2025-01-15T07:45:01Z")).newPosts());
        assertEquals(0, store.save("task-r", "talks", 0, page("reviews", 0, 4, "2025-01-15T07:45:01Z")).newPosts());
        assertEquals(0, store.save("task-s", "reviews", 3, page("reviews", 0, 24, "2025-01-15T07:45:01Z")).newPosts());
        assertEquals(48, store.itemsOfTask("task-r", 100, null).items().stream().map(CollectedRecord::sourceId)
                .distinct().count(), "the task's items: every record, linked by the retry");
    }

    @Test
    void aTasksItemsPageThroughEveryRecordExactlyOnceInOrder() {
        store.save("task-a", "reviews", 0, page("reviews", 0, 24, "2025-01-15T07:45:01Z"));
        store.save("task-a", "reviews", 1, page("reviews", 24, 24, "2025-01-15T07:45:01Z"));
        store.save("task-a", "talks", 0, page("talks", 0, 7, "2025-01-15T07:45:01Z"));
        store.save("task-b", "reviews", 0, page("reviews", 0, 3, "2025-01-15T07:45:01Z"));
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            RecordStore.RecordPage p = store.itemsOfTask("task-a", 10, token);
            p.items().forEach(r -> seen.add(r.category() + "/" + r.sourceId()));
            token = p.nextToken();
            pages++;
        } while (token != null && pages < 50);
        assertEquals(55, seen.size());
        assertEquals(55, new HashSet<>(seen).size());
        assertEquals("reviews/0", seen.get(0));
        assertEquals("talks/6", seen.get(54));
        CollectedRecord r = store.itemsOfTask("task-b", 1, null).items().get(0);
        assertEquals("OO성형외과", r.hospital());
        assertEquals("좋아요", r.comments().get(0).body());
        assertEquals("reviews", r.scope());
    }

    @Test
    void recordsAreFoundByPlatformCategoryAndSeoulDate() {
        // 2025-01-14T15:30Z is 00:30 on the 15th in Seoul; 2025-01-15T15:30Z is already the 16th.
        store.save("t", "reviews", 0, page("reviews", 100, 2, "2025-01-14T15:30:00Z"));
        store.save("t", "reviews", 1, page("reviews", 200, 3, "2025-01-15T14:59:59Z"));
        store.save("t", "reviews", 2, page("reviews", 300, 4, "2025-01-15T15:30:00Z"));
        RecordStore.RecordPage day = store.find("babitalk", "reviews", LocalDate.parse("2025-01-15"), 50, null);
        Set<String> ids = new HashSet<>();
        day.items().forEach(r -> ids.add(r.sourceId()));
        assertEquals(Set.of("100", "101", "200", "201", "202"), ids);
        assertNull(day.nextToken());
        RecordStore.RecordPage firstTwo = store.find("babitalk", "reviews", null, 2, null);
        assertEquals(2, firstTwo.items().size());
        assertEquals("2025-01-15T15:30:00Z", firstTwo.items().get(0).createdAt(), "newest first");
        assertNotNull(firstTwo.nextToken());
        assertTrue(store.find("babitalk", "talks", null, 10, null).items().isEmpty());
    }
}
