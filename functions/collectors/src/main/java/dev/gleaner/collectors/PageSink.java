package dev.gleaner.collectors;

import dev.gleaner.core.record.CollectedRecord;
import java.util.List;

/**
 * Where a collector hands the records of each list page as soon as it moves on to the next one,
 * so that the caller can store page N while the collector fetches page N+1.
 *
 * <p>A sink may block (the caller bounds how much is stored at once) and may throw an unchecked
 * exception (an earlier page could not be stored): the exception ends the call. The records handed
 * over are also in the call's {@link BatchResult}, in the same order; the caller stores the ones it
 * was not handed (the last page of the call) itself.
 */
@FunctionalInterface
public interface PageSink {
    /** Takes nothing: the caller stores every record of the result after the call. */
    PageSink NONE = records -> { };

    /** @param records one list page's records (never empty, not to be modified) */
    void page(List<CollectedRecord> records);
}
