package dev.gleaner.core.record;

import java.time.LocalDate;
import java.util.List;

/**
 * Collected records, stored once per identity (platform + kind + scope + source id), with a link
 * from each task to the records it saw.
 */
public interface RecordStore {
    /** How many of a saved page's records were not stored before. */
    record SaveResult(int newPosts, int newReviews) {}

    record RecordPage(List<CollectedRecord> items, String nextToken) {}

    /**
     * Stores the records of one collected page for a task: records not seen before are written,
     * records seen before are left as they are, and the task is linked to all of them.
     *
     * @param pageKey unique within the task (e.g. category and page number), orders the task's items
     */
    SaveResult save(String taskId, String pageKey, List<CollectedRecord> records);

    /** The records a task collected, in collection order. */
    RecordPage itemsOfTask(String taskId, int limit, String nextToken);

    /** Stored records of a platform and category (newest first), optionally of one day (Asia/Seoul). */
    RecordPage find(String platform, String category, LocalDate date, int limit, String nextToken);
}
