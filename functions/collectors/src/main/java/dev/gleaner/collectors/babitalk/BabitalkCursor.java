package dev.gleaner.collectors.babitalk;

import dev.gleaner.collectors.support.CallCursor;

/**
 * Where a Babitalk category resumes. Serialised as JSON (snake_case) between calls, e.g.
 * {@code {"list":1,"search_after":"1736927101000","skip":5,"older":0,"pages":3,"not_found":0,"long_waits":0}}.
 */
public final class BabitalkCursor extends CallCursor {
    /** Index of the sub-list (talk service id / memo category id) being read. */
    public int list;
    /** The search_after that fetched the current page ("0" for the first page). */
    public String searchAfter = "0";
    /** Items of the current page already handled (a call may stop mid-page). */
    public int skip;
    /** Older-than-range items seen in a row (talks stop after 5). */
    public int older;
    /** Pages read in the current sub-list. */
    public int pages;

    void nextList() {
        list++;
        searchAfter = "0";
        skip = 0;
        older = 0;
        pages = 0;
    }
}
