package dev.gleaner.collectors.babitalk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.metrics.SourceErrorKind;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gleaner.collectors.BatchRequest;
import dev.gleaner.collectors.BatchResult;
import dev.gleaner.collectors.CategoryPlan;
import dev.gleaner.collectors.SourceCollector;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.PageSink;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.collectors.support.Batch;
import dev.gleaner.collectors.support.Browser;
import dev.gleaner.collectors.support.CallContext;
import dev.gleaner.collectors.support.DateRange;
import dev.gleaner.collectors.support.Fields;
import dev.gleaner.collectors.support.HttpResult;
import dev.gleaner.collectors.support.Prices;
import dev.gleaner.collectors.support.Query;
import dev.gleaner.collectors.support.RecordBuilder;
import dev.gleaner.collectors.support.SourceDates;
import dev.gleaner.collectors.support.WaitRequired;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordComment;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.task.Timestamps;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;

/**
 * Babitalk (바비톡): reviews (시술후기), talks (자유톡, with their comments) and event-ask-memos
 * (발품후기). Cursor-paginated lists ({@code search_after}/{@code has_next}), newest first. Talks are
 * read for each service id and memos for each category id in turn; the cursor says which.
 */
public final class BabitalkCollector extends SourceCollector {
    public static final String SOURCE = "babitalk";
    static final int PAGE_SIZE = 24;
    static final Duration PAGE_DELAY = Duration.ofSeconds(1);
    /** A sub-list that has not reached the date range after this many pages is given up (with a note). */
    static final int MAX_PAGES_PER_LIST = 100;
    static final int MAX_COMMENT_PAGES = 20;
    /** Talks may have pinned old posts at the top, so only a run of older ones ends the scan. */
    static final int TALK_OLDER_RUN = 5;
    static final List<Integer> TALK_SERVICES = List.of(79, 71, 72);
    static final List<Integer> MEMO_CATEGORIES = List.of(3000, 3100, 3200, 3300, 3400, 3500, 3600);
    private static final String WEB = "https://web.babitalk.com";

    private enum Kind { REVIEWS, TALKS, MEMOS }

    public BabitalkCollector(CollectorOptions options) {
        super(Platform.BABITALK, options);
    }

    @Override
    public List<CategoryPlan> plan(CollectionRequest request, Secrets secrets) throws SourceException {
        return CategoryPlan.fixed(Platform.BABITALK, request, k -> kind(k));
    }

    private static Kind kind(String category) throws SourceException {
        return switch (category) {
            case "reviews" -> Kind.REVIEWS;
            case "talks" -> Kind.TALKS;
            case "event_ask_memos" -> Kind.MEMOS;
            default -> throw new SourceException(SourceErrorKind.BAD_REQUEST, SOURCE, "categories", "unknown category '" + category
                    + "' (expected reviews, talks or event_ask_memos)");
        };
    }

    private static int subLists(Kind kind) {
        return switch (kind) {
            case REVIEWS -> 1;
            case TALKS -> TALK_SERVICES.size();
            case MEMOS -> MEMO_CATEGORIES.size();
        };
    }

    @Override
    public BatchResult collectBatch(BatchRequest req, PageSink pages) throws SourceException {
        Kind kind = kind(req.categoryKey());
        String category = req.categoryKey();
        BabitalkCursor c = Batch.cursor(req.cursor(), BabitalkCursor.class, SOURCE, BabitalkCursor::new);
        DateRange range = DateRange.of(req.request(), req.now());
        long remaining = req.remaining();

        CallContext ctx = call(req, c);
        Batch batch = new Batch(ctx, pages);
        if (remaining <= 0) {
            return batch.done();
        }
        try {
            while (true) {
                if (c.list >= subLists(kind)) {
                    return batch.done();
                }
                if (c.pages >= MAX_PAGES_PER_LIST) {
                    ctx.note(category + label(kind, c.list) + ": stopped after " + MAX_PAGES_PER_LIST
                            + " pages without passing " + range.from());
                    c.nextList();
                    continue;
                }
                if (!batch.nextListPage()) {
                    return batch.more(c);
                }
                JsonNode page = listPage(ctx, kind, c);
                ctx.listPageFetched();
                c.pages++;
                ArrayNode data = f.array(page, "data");
                boolean hasNext = f.bool(page, "pagination.has_next");
                String next = searchAfter(page, hasNext);

                boolean stop = false;
                for (int i = c.skip; i < data.size(); i++) {
                    JsonNode item = f.item(data.get(i), "data[]");
                    Instant at = date(kind, item, req.now());
                    DateRange.Position pos = range.position(at);
                    if (pos == DateRange.Position.OLDER) {
                        c.older++;
                        c.skip = i + 1;
                        if (kind != Kind.TALKS || c.older >= TALK_OLDER_RUN) {
                            stop = true;
                            break;
                        }
                        continue;
                    }
                    c.older = 0;
                    if (pos == DateRange.Position.NEWER) {
                        c.skip = i + 1;
                        continue;
                    }
                    if (kind == Kind.TALKS && ctx.outOfTime()) {
                        return batch.more(c);
                    }
                    batch.post(record(ctx, kind, category, item, at));
                    c.skip = i + 1;
                    if (batch.posts() >= remaining) {
                        return batch.done();
                    }
                }
                if (stop || !hasNext || next == null || next.equals("0") || next.equals(c.searchAfter)) {
                    if (!stop && hasNext && next != null && next.equals(c.searchAfter)) {
                        ctx.note(category + label(kind, c.list) + ": the API repeated its cursor; moving on");
                    }
                    c.nextList();
                } else {
                    c.searchAfter = next;
                    c.skip = 0;
                }
            }
        } catch (WaitRequired w) {
            return batch.waiting(c, w);
        }
    }

    private static String label(Kind kind, int list) {
        return switch (kind) {
            case REVIEWS -> "";
            case TALKS -> " (service " + TALK_SERVICES.get(list) + ")";
            case MEMOS -> " (category " + MEMO_CATEGORIES.get(list) + ")";
        };
    }

    /** One list page; a 404 pauses and retries the same page (the 404 policy may ask for a long wait). */
    private JsonNode listPage(CallContext ctx, Kind kind, BabitalkCursor c) throws SourceException, WaitRequired {
        String origin = options.endpoints().babitalkApi();
        Query q = switch (kind) {
            case REVIEWS -> Query.of(origin, "/v2/reviews").param("service", "TREATMENTS").param("limit", PAGE_SIZE)
                    .param("sort", "recent");
            case TALKS -> Query.of(origin, "/v2/community/talks").param("service_id", TALK_SERVICES.get(c.list))
                    .param("limit", PAGE_SIZE).param("sort", "recent");
            case MEMOS -> Query.of(origin, "/v2/event-ask-memos").param("limit", PAGE_SIZE).param("category_type", 305)
                    .param("sort", "recent").param("category_id", MEMO_CATEGORIES.get(c.list));
        };
        q.param("search_after", c.searchAfter);
        String what = switch (kind) {
            case REVIEWS -> "/v2/reviews";
            case TALKS -> "/v2/community/talks";
            case MEMOS -> "/v2/event-ask-memos";
        };
        return ctx.jsonObject(request(ctx, q.uri()), what, PAGE_DELAY);
    }


    private static Request request(CallContext ctx, URI uri) {
        return Browser.xhr(ctx.http().request(uri), WEB, "same-site").get().build();
    }

    /** The next cursor: null ends the list; a non-scalar is a shape change. */
    private String searchAfter(JsonNode page, boolean hasNext) throws SourceException {
        JsonNode sa = Fields.at(page, "pagination.search_after");
        if (sa.isMissingNode()) {
            if (hasNext) {
                throw SourceException.missingField(SOURCE, "pagination.search_after");
            }
            return null;
        }
        if (sa.isNull()) {
            return null;
        }
        if (sa.isIntegralNumber()) {
            return sa.bigIntegerValue().toString();
        }
        if (sa.isNumber()) {
            return sa.decimalValue().toPlainString();
        }
        if (sa.isTextual() && !sa.textValue().isBlank()) {
            return sa.textValue().trim();
        }
        throw SourceException.wrongType(SOURCE, "pagination.search_after", "a number", sa);
    }

    private Instant date(Kind kind, JsonNode item, Instant now) throws SourceException {
        if (kind == Kind.MEMOS) {
            String text = f.string(item, "first_write_at", "data[].first_write_at");
            Instant t = SourceDates.parseRelative(text, now);
            if (t == null) {
                throw new SourceException(SourceErrorKind.SHAPE_CHANGE, SOURCE, "data[].first_write_at", "response field 'data[].first_write_at' has an"
                        + " unrecognised date '" + abbreviate(text) + "' (the API shape changed)");
            }
            return t;
        }
        JsonNode created = f.required(item, "created_at", "data[].created_at");
        Instant t = SourceDates.parse(created);
        if (t == null) {
            throw new SourceException(SourceErrorKind.SHAPE_CHANGE, SOURCE, "data[].created_at", "response field 'data[].created_at' has an"
                    + " unrecognised date '" + abbreviate(created.asText()) + "' (the API shape changed)");
        }
        return t;
    }

    private CollectedRecord record(CallContext ctx, Kind kind, String category, JsonNode item, Instant at)
            throws SourceException, WaitRequired {
        String id = f.id(item, "id", "data[].id");
        RecordBuilder b = new RecordBuilder(Platform.BABITALK.id(), category, CollectedRecord.KIND_POST, category, id)
                .createdAt(at)
                .author(Fields.text(item, "user.name"))
                .raw(item);
        switch (kind) {
            case REVIEWS -> b.url(WEB + "/reviews/" + Query.segment(id))
                    .body(Fields.text(item, "text"))
                    .rating(Fields.doubleValue(item, "rating"))
                    .hospital(Fields.text(item, "hospital.name"))
                    .doctor(Fields.text(item, "search_doctor.name"))
                    .procedure(joined(item.path("categories"), joined(item.path("sub_categories"), null)))
                    .price(Prices.krw(item.get("price")));
            case MEMOS -> b.url(WEB + "/ask-memos/" + Query.segment(id))
                    .body(Fields.text(item, "text"))
                    .rating(Fields.doubleValue(item, "star_score"))
                    .hospital(Fields.text(item, "hospital_name"))
                    .procedure(item.path("category").isObject() ? Fields.text(item, "category.name") : Fields.text(item, "category"))
                    .price(Prices.krw(item.get("real_price")));
            case TALKS -> {
                Integer total = Fields.intValue(item, "total_comment");
                b.url(WEB + "/community/" + Query.segment(id))
                        .title(Fields.text(item, "title"))
                        .body(Fields.text(item, "text"))
                        .commentCount(total)
                        .comments(total == null || total > 0 ? comments(ctx, id) : List.of());
            }
        }
        return b.build();
    }

    /** A talk's comments, page by page; deleted ones are left out. A 404 (talk deleted) gives none. */
    private List<RecordComment> comments(CallContext ctx, String talkId) throws SourceException, WaitRequired {
        List<RecordComment> out = new ArrayList<>();
        String what = "/v2/community/talks/{id}/comments";
        for (int page = 1; page <= MAX_COMMENT_PAGES; page++) {
            URI uri = Query.of(options.endpoints().babitalkApi(), "/v2/community/talks/" + Query.segment(talkId) + "/comments")
                    .param("page", page).uri();
            ctx.pauseBetween(PAGE_DELAY);
            HttpResult r = ctx.send(request(ctx, uri), what);
            if (r.status() == 404) {
                ctx.note("talks: comments of talk " + talkId + " not found (HTTP 404); kept the talk without them");
                return out;
            }
            if (!r.ok()) {
                throw ctx.unexpected(r, what);
            }
            JsonNode body = ctx.json(r, what);
            ArrayNode data = f.array(body, "data");
            for (JsonNode cm : data) {
                f.item(cm, "data[]");
                if (Fields.truthy(cm, "is_del")) {
                    continue;
                }
                String created = Fields.text(cm, "created_at");
                Instant t = created == null ? null : SourceDates.parseDateTime(created);
                out.add(new RecordComment(Fields.text(cm, "id"), Fields.text(cm, "user.name"), Fields.text(cm, "text"),
                        Timestamps.format(t)));
            }
            if (!f.bool(body, "pagination.has_next")) {
                return out;
            }
        }
        ctx.note("talks: talk " + talkId + " has more than " + MAX_COMMENT_PAGES + " comment pages; kept the first ones");
        return out;
    }

    /** Names from an array of strings or of objects with {@code name}, joined with ", ". */
    static String joined(JsonNode arr, String fallback) {
        if (arr == null || !arr.isArray() || arr.isEmpty()) {
            return fallback;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : arr) {
            String s = n.isObject() ? Fields.text(n, "name")
                    : n.isTextual() ? n.textValue().trim() : n.isNumber() ? n.asText() : null;
            if (s != null && !s.isEmpty() && !names.contains(s)) {
                names.add(s);
            }
        }
        return names.isEmpty() ? fallback : String.join(", ", names);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
