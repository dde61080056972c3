package dev.gleaner.collectors.naver;

import dev.gleaner.collectors.support.CallCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a Naver board resumes. Serialised as JSON between calls, e.g.
 * {@code {"page":2,"api":"legacy","last_id":"239647","older_ids":[],"not_found":0,"long_waits":0}}.
 */
public final class NaverCursor extends CallCursor {
    public static final String LEGACY = "legacy";
    public static final String BOARD_LIST = "boardlist";

    /** List page, 1-based. */
    public int page = 1;
    /** Which list API answered (null until the first page decides). */
    public String api;
    /** The last article read; lists are newest first by article id, so ids at or above it are done. */
    public String lastId;
    /** Older-than-range articles seen in a row (a run of 5 ends the scan; pinned posts break no run). */
    public List<String> olderIds = new ArrayList<>();
}
