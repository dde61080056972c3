package dev.gleaner.core.record;

import java.time.LocalDate;
import java.util.List;

/**
 * Collected records, stored once per identity (platform + kind + scope + source id), with a link
 * from each task to the records it saw.
 */
public interface RecordStore {
    /** How many of a saved page's records were not stored before. */
    record SaveResult(int newPosts, int newReviews) {
        public static final SaveResult NONE = new SaveResult(0, 0);

        public SaveResult plus(SaveResult other) {
            return new SaveResult(newPosts + other.newPosts, newReviews + other.newReviews);
        }
    }

    record RecordPage(List<CollectedRecord> items, String nextToken) {}

    /**
     * The pages one collection call stores for a task's category, one after another (possibly from
     * different threads, never two at once).
     */
    interface CallWriter {
        /**
         * Stores the records of the call's next page: records not stored before are written,
         * records stored before are left as they are, and the task is linked to all of them.
         * A record counts as new when no one stored it before, or when this task's category stored
         * it from this call's position or later: an earlier attempt of the same call, whose progress
         * was never saved (a source error or a crash after storing a page), so a retry counts
         * exactly what the task gained.
         */
        SaveResult page(List<CollectedRecord> records);

        /** Writes what the pages left pending; once, after the call's last page. */
        void finish();
    }

    /**
     * @param callStart the category's page count when the call began (a retry of the call begins
     *     at the same count); with the page's index in the call it orders the task's items
     */
    CallWriter call(String taskId, String category, int callStart);

    /** One page in a call of its own. */
    default SaveResult save(String taskId, String category, int callStart, List<CollectedRecord> records) {
        CallWriter call = call(taskId, category, callStart);
        SaveResult saved = call.page(records);
        call.finish();
        return saved;
    }

    /** The records a task collected, in collection order. */
    RecordPage itemsOfTask(String taskId, int limit, String nextToken);

    /** Stored records of a platform and category (newest first), optionally of one day (Asia/Seoul). */
    RecordPage find(String platform, String category, LocalDate date, int limit, String nextToken);
}
