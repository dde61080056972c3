package dev.gleaner.collectors.gangnamunni;

import dev.gleaner.collectors.support.CallCursor;
import dev.gleaner.collectors.support.Watermark;

/**
 * Where a Gangnam Unni category resumes. Serialised as JSON between calls, e.g.
 * {@code {"phase":"posts","page":2,"empty_pages":0,"mark":{"time":1736925001000,"ids":["4411"]},...}}.
 */
public final class GangnamUnniCursor extends CallCursor {
    public static final String POSTS = "posts";
    public static final String REVIEWS = "reviews";
    public static final String DONE = "done";

    /** posts (community list), then reviews (reviews API, review category with a token), then done. */
    public String phase = POSTS;
    /** Community list page, 1-based (start = (page-1) * 20). */
    public int page = 1;
    public int emptyPages;
    public Watermark mark = new Watermark();
    /** Reviews API page index, 0-based. */
    public int reviewPage;
    public int reviewEmptyPages;
    public int reviewCount;
    public Watermark reviewMark = new Watermark();
}
