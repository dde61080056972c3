package dev.gleaner.collectors.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.metrics.SourceErrorKind;
import dev.gleaner.collectors.BatchResult;
import dev.gleaner.collectors.PageSink;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What one call has gathered so far, and the ways it can end. */
public final class Batch {
    private final CallContext ctx;
    private final PageSink pages;
    private final List<CollectedRecord> records = new ArrayList<>();
    /** How many of {@link #records} went to {@link #pages} already. */
    private int handedOver;
    private int posts;
    private int comments;

    public Batch(CallContext ctx, PageSink pages) {
        this.ctx = ctx;
        this.pages = pages;
    }

    /**
     * Whether another list page fits this call's budget; if so, the records gathered since the
     * previous list page go to the page sink first (the caller stores them while this call fetches
     * the next page). Every collector asks this right before each list page it fetches.
     */
    public boolean nextListPage() {
        if (!ctx.mayFetchListPage()) {
            return false;
        }
        if (handedOver < records.size()) {
            List<CollectedRecord> page = List.copyOf(records.subList(handedOver, records.size()));
            handedOver = records.size();
            pages.page(page);
        }
        return true;
    }

    /** A post in range: counts toward progress and the limit. */
    public void post(CollectedRecord r) {
        records.add(r);
        posts++;
        comments += r.comments().size();
        ctx.workDone();
    }

    /** A review record: stored, but not counted as a post. */
    public void review(CollectedRecord r) {
        records.add(r);
        ctx.workDone();
    }

    public int posts() {
        return posts;
    }

    /** The category is finished. */
    public BatchResult done() {
        return new BatchResult(records, posts, comments, ctx.listPages(), null, false, 0, ctx.notes());
    }

    /** Budget used up: call again with {@code cursor} (which takes the call's 404 streak). */
    public BatchResult more(CallCursor cursor) {
        cursor.keep(ctx);
        return new BatchResult(records, posts, comments, ctx.listPages(), Json.tree(cursor), true, 0, ctx.notes());
    }

    /** The source asked for a long back-off: wait, then call again with {@code cursor} (as {@link #more}). */
    public BatchResult waiting(CallCursor cursor, WaitRequired w) {
        cursor.keep(ctx);
        ctx.note(w.getMessage() + "; waiting " + w.seconds() + " s before resuming");
        return new BatchResult(records, posts, comments, ctx.listPages(), Json.tree(cursor), true, w.seconds(), ctx.notes(),
                w.kind());
    }

    /** Reads a cursor this collector wrote, or starts a new one. */
    public static <T> T cursor(JsonNode node, Class<T> type, String source, Supplier<T> initial) throws SourceException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return initial.get();
        }
        if (!node.isObject()) {
            throw new SourceException(SourceErrorKind.BAD_REQUEST, source, "cursor", "the batch cursor is not one this collector wrote");
        }
        try {
            T t = Json.MAPPER.treeToValue(node, type);
            return t == null ? initial.get() : t;
        } catch (Exception e) {
            throw new SourceException(SourceErrorKind.BAD_REQUEST, source, "cursor", "the batch cursor is not one this collector wrote");
        }
    }
}
