package dev.gleaner.local.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The posts of one demo list (a board, a category, a service), newest first: a few a day over
 * the last {@link DemoSources#RECENT_DAYS} days, then one a day back to
 * {@link DemoSources#FIRST_DAY}, so that any date since then (the guide's 2025-01-01 included)
 * has posts. Everything follows from the list's name and the day it was made:
 * the same day gives the same posts, ids and texts.
 */
final class DemoPosts {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    /** One post: its id (larger is newer), when it was written, and a seed for its texts. */
    record Post(long id, Instant at, long seed) {}

    private final List<Post> posts;

    /**
     * @param base ids are {@code base + 1, base + 2, ...} from the oldest post up
     */
    DemoPosts(String list, long base, Instant now) {
        LocalDate today = now.atZone(SEOUL).toLocalDate();
        List<Post> out = new ArrayList<>();
        // oldest first, so that ids grow with time
        long history = ChronoUnit.DAYS.between(DemoSources.FIRST_DAY, today);
        for (long back = history; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            Random r = new Random(list.hashCode() * 31L + day.toEpochDay());
            int count = back < DemoSources.RECENT_DAYS ? 3 + r.nextInt(4) : 1;
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ZonedDateTime t = day.atStartOfDay(SEOUL).plusSeconds(r.nextInt(24 * 3600));
                if (!t.toInstant().isAfter(now)) {
                    times.add(t.toInstant());
                }
            }
            times.sort(null);
            for (Instant t : times) {
                long id = base + out.size() + 1;
                out.add(new Post(id, t, list.hashCode() * 1_000_003L + id));
            }
        }
        Collections.reverse(out);
        this.posts = List.copyOf(out);
    }

    /** Newest first. */
    List<Post> all() {
        return posts;
    }

    /** The {@code size} posts after {@code offset} (newest first). */
    List<Post> page(int offset, int size) {
        if (offset >= posts.size() || offset < 0) {
            return List.of();
        }
        return posts.subList(offset, Math.min(posts.size(), offset + size));
    }

    /** The {@code size} newest posts with an id below {@code before} (0 = from the newest). */
    List<Post> before(long before, int size) {
        List<Post> out = new ArrayList<>();
        for (Post p : posts) {
            if (before > 0 && p.id() >= before) {
                continue;
            }
            out.add(p);
            if (out.size() == size) {
                break;
            }
        }
        return out;
    }

    boolean hasOlderThan(Post p) {
        return !posts.isEmpty() && posts.get(posts.size() - 1).id() != p.id();
    }

    Post find(long id) {
        if (posts.isEmpty()) {
            return null;
        }
        // newest first with ids descending by one: the index follows from the id
        long index = posts.get(0).id() - id;
        return index >= 0 && index < posts.size() && posts.get((int) index).id() == id ? posts.get((int) index) : null;
    }
}
