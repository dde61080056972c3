package dev.gleaner.collectors.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a newest-first scan of an offset-paged list got to: the time of the last post collected
 * and the ids collected at exactly that time. Re-reading a page (a resumed call, or a page that
 * shifted because new posts arrived) skips what is not strictly older, so no post is emitted twice.
 */
public final class Watermark {
    public Long time;
    public List<String> ids = new ArrayList<>();

    public boolean covers(long t, String id) {
        return time != null && (t > time || (t == time && ids.contains(id)));
    }

    public void advance(long t, String id) {
        if (time == null || t < time) {
            time = t;
            ids = new ArrayList<>(List.of(id));
        } else if (t == time && !ids.contains(id)) {
            ids.add(id);
        }
    }
}
