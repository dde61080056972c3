package dev.gleaner.collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.metrics.SourceErrorKind;
import dev.gleaner.core.record.CollectedRecord;
import java.util.List;

/**
 * What one call collected.
 *
 * @param records posts (kind "post", comments nested) plus, for save_as_reviews, review records
 *     (kind "review")
 * @param posts how many of {@code records} are posts in range: these count toward progress and limit
 * @param comments how many comments the posts carry
 * @param pages list pages read by this call
 * @param nextCursor where the next call resumes; null once the category is finished
 * @param hasMore whether the workflow should call again
 * @param waitSeconds &gt;0 when the source asked for a long back-off: the workflow waits that long
 *     (scaled by GLEANER_DELAY_FACTOR) and then calls again with {@code nextCursor}
 * @param notes human-readable remarks for the task log (never secret)
 * @param waitKind why the source asked for the back-off ({@code null} when {@code waitSeconds} is 0)
 */
public record BatchResult(
        List<CollectedRecord> records,
        int posts,
        int comments,
        int pages,
        JsonNode nextCursor,
        boolean hasMore,
        long waitSeconds,
        List<String> notes,
        SourceErrorKind waitKind) {

    public BatchResult {
        records = records == null ? List.of() : List.copyOf(records);
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (!hasMore) {
            nextCursor = null;
        }
        if (waitSeconds <= 0) {
            waitKind = null;
        } else if (waitKind == null) {
            waitKind = SourceErrorKind.RATE_LIMITED;
        }
    }

    /** A result whose back-off (if any) the source asked for as a rate limit. */
    public BatchResult(List<CollectedRecord> records, int posts, int comments, int pages, JsonNode nextCursor,
            boolean hasMore, long waitSeconds, List<String> notes) {
        this(records, posts, comments, pages, nextCursor, hasMore, waitSeconds, notes, null);
    }
}
