package dev.gleaner.collectors.gangnamunni;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gleaner.core.metrics.SourceErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.gleaner.collectors.support.HeaderValues;
import dev.gleaner.collectors.support.HttpResult;
import dev.gleaner.collectors.support.Prices;
import dev.gleaner.collectors.support.Query;
import dev.gleaner.collectors.support.RecordBuilder;
import dev.gleaner.collectors.support.SourceDates;
import dev.gleaner.collectors.support.WaitRequired;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordComment;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.task.Timestamps;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Gangnam Unni (강남언니): the community search API (offset paging, newest first), comments from
 * each post's page ({@code __NEXT_DATA__}), and, for {@code save_as_reviews}, review records from
 * the 발품후기 posts plus the reviews API when a token is given.
 */
public final class GangnamUnniCollector extends SourceCollector {
    public static final String SOURCE = "gangnamunni";
    static final Map<String, Integer> CATEGORY_IDS = categoryIds();
    static final String REVIEW_CATEGORY = "review";
    /** Review records from the reviews API live in their own id space, hence their own scope. */
    public static final String REVIEWS_API_SCOPE = "reviews_api";
    static final int PAGE_SIZE = 20;
    static final int MAX_PAGES = 100;
    static final int MAX_REVIEW_PAGES = 50;
    static final int MAX_EMPTY_PAGES = 3;
    static final Duration PAGE_DELAY = Duration.ofSeconds(1);
    static final Duration ARTICLE_DELAY = Duration.ofSeconds(5);
    /** The search the reviews API is asked for, as the original client sent it. */
    static final String REVIEWS_KEYWORD = "고민";
    private static final String WEB = "https://www.gangnamunni.com";

    public GangnamUnniCollector(CollectorOptions options) {
        super(Platform.GANGNAMUNNI, options);
    }

    private static Map<String, Integer> categoryIds() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hospital_question", 11);
        m.put("surgery_question", 2);
        m.put("free_chat", 1);
        m.put("review", 5);
        m.put("ask_doctor", 13);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public List<CategoryPlan> plan(CollectionRequest request, Secrets secrets) throws SourceException {
        return CategoryPlan.fixed(Platform.GANGNAMUNNI, request, k -> categoryId(k));
    }

    private static int categoryId(String key) throws SourceException {
        Integer id = CATEGORY_IDS.get(key);
        if (id == null) {
            throw new SourceException(SourceErrorKind.BAD_REQUEST, SOURCE, "categories", "unknown category '" + key
                    + "' (expected one of " + String.join(", ", CATEGORY_IDS.keySet()) + ")");
        }
        return id;
    }

    @Override
    public BatchResult collectBatch(BatchRequest req, PageSink pages) throws SourceException {
        String category = req.categoryKey();
        int categoryId = categoryId(category);
        GangnamUnniCursor c = Batch.cursor(req.cursor(), GangnamUnniCursor.class, SOURCE, GangnamUnniCursor::new);
        DateRange range = DateRange.of(req.request(), req.now());
        long remaining = req.remaining();
        boolean reviews = REVIEW_CATEGORY.equals(category) && req.request().saveAsReviews();
        String token = HeaderValues.check(SOURCE, "token", req.secrets().gangnamunniToken());

        CallContext ctx = call(req, c);
        Batch batch = new Batch(ctx, pages);
        try {
            if (GangnamUnniCursor.POSTS.equals(c.phase)) {
                if (remaining <= 0) {
                    endPosts(ctx, c, reviews, token);
                } else if (!posts(ctx, batch, c, req, range, categoryId, remaining, reviews, token)) {
                    return batch.more(c);
                }
            }
            if (GangnamUnniCursor.REVIEWS.equals(c.phase)) {
                if (token == null) {
                    c.phase = GangnamUnniCursor.DONE;
                } else if (!reviewsApi(ctx, batch, c, range, req.request().limit(), token)) {
                    return batch.more(c);
                }
            }
            return batch.done();
        } catch (WaitRequired w) {
            return batch.waiting(c, w);
        }
    }

    private static void endPosts(CallContext ctx, GangnamUnniCursor c, boolean reviews, String token) {
        if (reviews && token != null) {
            c.phase = GangnamUnniCursor.REVIEWS;
        } else {
            if (reviews) {
                ctx.note("review: reviews API skipped (no token given); 발품후기 posts were still saved as reviews");
            }
            c.phase = GangnamUnniCursor.DONE;
        }
    }

    /** The community list. Returns false when the call's budget ran out (call again). */
    private boolean posts(CallContext ctx, Batch batch, GangnamUnniCursor c, BatchRequest req, DateRange range,
            int categoryId, long remaining, boolean reviews, String token) throws SourceException, WaitRequired {
        String category = req.categoryKey();
        while (true) {
            if (c.page > MAX_PAGES) {
                ctx.note(category + ": stopped after " + MAX_PAGES + " pages without passing " + range.from());
                endPosts(ctx, c, reviews, token);
                return true;
            }
            if (!batch.nextListPage()) {
                return false;
            }
            URI uri = Query.of(options.endpoints().gangnamunni(), "/api/solar/search/document")
                    .param("start", (c.page - 1) * PAGE_SIZE).param("length", PAGE_SIZE)
                    .param("sort", "createTime").param("categoryIds", categoryId).uri();
            Request.Builder b = Browser.xhr(ctx.http().request(uri), WEB, "same-origin");
            if (token != null) {
                b.header("Cookie", "token=" + token);
            }
            JsonNode body = ctx.jsonObject(b.get().build(), "/api/solar/search/document", PAGE_DELAY);
            ctx.listPageFetched();
            String reason = f.string(body, "reason", "reason");
            if (!"SUCCESS".equals(reason)) {
                throw new SourceException(SourceErrorKind.SOURCE_ERROR, SOURCE, "reason", "the community API answered reason '"
                        + ctx.scrub(abbreviate(reason)) + "' instead of SUCCESS");
            }
            ArrayNode data = f.array(body, "data");
            if (data.isEmpty()) {
                c.emptyPages++;
                c.page++;
                if (c.emptyPages >= MAX_EMPTY_PAGES) {
                    endPosts(ctx, c, reviews, token);
                    return true;
                }
                continue;
            }
            c.emptyPages = 0;
            for (JsonNode raw : data) {
                JsonNode item = f.item(raw, "data[]");
                String id = f.id(item, "id", "data[].id");
                Instant at = time(item, "createTime", "data[].createTime");
                long ms = at.toEpochMilli();
                if (c.mark.covers(ms, id)) {
                    continue;
                }
                DateRange.Position pos = range.position(at);
                if (pos == DateRange.Position.NEWER) {
                    continue;
                }
                if (pos == DateRange.Position.OLDER) {
                    endPosts(ctx, c, reviews, token);
                    return true;
                }
                Integer commentCount = Fields.intValue(item, "commentCount");
                boolean needsPage = commentCount == null || commentCount > 0;
                if (needsPage && ctx.outOfTime()) {
                    return false;
                }
                List<RecordComment> comments = needsPage ? comments(ctx, id) : List.of();
                String text = Fields.text(item, "contents");
                batch.post(new RecordBuilder(Platform.GANGNAMUNNI.id(), category, CollectedRecord.KIND_POST, category, id)
                        .url(postUrl(id)).body(text).author(Fields.text(item, "writerNickName")).createdAt(at)
                        .viewCount(Fields.longValue(item, "viewCount")).likeCount(Fields.longValue(item, "thumbUpCount"))
                        .commentCount(commentCount).comments(comments).raw(item).build());
                if (reviews) {
                    RecordBuilder rb = new RecordBuilder(Platform.GANGNAMUNNI.id(), category, CollectedRecord.KIND_REVIEW,
                            category, id).url(postUrl(id)).body(text).author(Fields.text(item, "writerNickName"))
                            .createdAt(at).raw(item);
                    ReviewNormaliser.apply(item, text, rb);
                    batch.review(rb.build());
                }
                c.mark.advance(ms, id);
                if (batch.posts() >= remaining) {
                    endPosts(ctx, c, reviews, token);
                    return true;
                }
            }
            c.page++;
        }
    }

    private static String postUrl(String id) {
        return WEB + "/community/" + Query.segment(id);
    }

    /** Comments (replies flattened after their parent) from the post page's Next.js data. */
    private List<RecordComment> comments(CallContext ctx, String id) throws SourceException, WaitRequired {
        ctx.pause(ARTICLE_DELAY);
        URI uri = URI.create(options.endpoints().gangnamunni() + "/community/" + Query.segment(id));
        Request request = Browser.base(ctx.http().request(uri), Browser.ACCEPT_HTML)
                .header("Referer", WEB + "/community")
                .header("Sec-Fetch-Dest", "document")
                .header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Site", "same-origin")
                .get().build();
        String what = "/community/{id}";
        HttpResult r = ctx.send(request, what);
        if (r.status() == 404) {
            ctx.note("post " + id + " page not found (HTTP 404); kept the post without comments");
            return List.of();
        }
        if (!r.ok()) {
            throw ctx.unexpected(r, what);
        }
        String json = NextData.extract(r.body());
        if (json == null) {
            throw new SourceException(SourceErrorKind.SHAPE_CHANGE, SOURCE, "__NEXT_DATA__", "the post page has no <script id=\"__NEXT_DATA__\"> (the page shape changed)");
        }
        JsonNode next;
        try {
            next = Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new SourceException(SourceErrorKind.SHAPE_CHANGE, SOURCE, "__NEXT_DATA__", "malformed JSON in the post page's __NEXT_DATA__ (the page shape changed)");
        }
        ArrayNode list = f.array(next, "props.pageProps.communityDocumentComments");
        List<RecordComment> out = new ArrayList<>();
        for (JsonNode cm : list) {
            addComment(cm, out, 0);
        }
        return out;
    }

    private static void addComment(JsonNode cm, List<RecordComment> out, int depth) {
        if (cm == null || !cm.isObject()) {
            return;
        }
        Instant t = SourceDates.parse(cm.get("createTime"));
        out.add(new RecordComment(Fields.text(cm, "id"), Fields.text(cm, "writer.nickname"), Fields.text(cm, "contents"),
                Timestamps.format(t)));
        JsonNode replies = cm.path("replies");
        if (replies.isArray() && depth < 5) {
            for (JsonNode r : replies) {
                addComment(r, out, depth + 1);
            }
        }
    }

    /** The reviews API (POST, Authorization: token). Returns false when the budget ran out. */
    private boolean reviewsApi(CallContext ctx, Batch batch, GangnamUnniCursor c, DateRange range, int limit,
            String token) throws SourceException, WaitRequired {
        String what = "/display/search-view/reviews";
        while (true) {
            if (c.reviewPage >= MAX_REVIEW_PAGES) {
                ctx.note("review: reviews API stopped after " + MAX_REVIEW_PAGES + " pages");
                c.phase = GangnamUnniCursor.DONE;
                return true;
            }
            if (limit > 0 && c.reviewCount >= limit) {
                c.phase = GangnamUnniCursor.DONE;
                return true;
            }
            if (!batch.nextListPage()) {
                return false;
            }
            URI uri = URI.create(options.endpoints().gangnamunniReviews() + what);
            Request request = Browser.xhr(ctx.http().request(uri), WEB, "cross-site")
                    .header("Content-Type", "application/json")
                    .header("Authorization", token)
                    .post(RequestBody.create(Json.write(reviewsBody(c.reviewPage)).getBytes(StandardCharsets.UTF_8), null))
                    .build();
            ctx.pauseBetween(PAGE_DELAY);
            HttpResult r = ctx.send(request, what);
            if (r.status() == 401 || r.status() == 403) {
                ctx.note("review: the reviews API refused the token (HTTP " + r.status() + "); that part was skipped");
                c.phase = GangnamUnniCursor.DONE;
                return true;
            }
            if (r.status() == 404) {
                continue;
            }
            if (!r.ok()) {
                throw ctx.unexpected(r, what);
            }
            JsonNode body = ctx.json(r, what);
            ctx.listPageFetched();
            ArrayNode contents = f.array(body, "contents");
            c.reviewPage++;
            if (contents.isEmpty()) {
                c.reviewEmptyPages++;
                if (c.reviewEmptyPages >= MAX_EMPTY_PAGES) {
                    c.phase = GangnamUnniCursor.DONE;
                    return true;
                }
                continue;
            }
            c.reviewEmptyPages = 0;
            for (JsonNode raw : contents) {
                JsonNode item = f.item(raw, "contents[]");
                String id = f.id(item, "id", "contents[].id");
                Instant at = time(item, "postedAtUtc", "contents[].postedAtUtc");
                long ms = at.toEpochMilli();
                if (c.reviewMark.covers(ms, id)) {
                    continue;
                }
                DateRange.Position pos = range.position(at);
                if (pos == DateRange.Position.NEWER) {
                    continue;
                }
                if (pos == DateRange.Position.OLDER) {
                    c.phase = GangnamUnniCursor.DONE;
                    return true;
                }
                batch.review(apiReview(item, id, at));
                c.reviewMark.advance(ms, id);
                c.reviewCount++;
                if (limit > 0 && c.reviewCount >= limit) {
                    c.phase = GangnamUnniCursor.DONE;
                    return true;
                }
            }
        }
    }

    static ObjectNode reviewsBody(int pageIndex) {
        ObjectNode body = Json.object();
        ObjectNode filters = body.putObject("filters");
        filters.put("gender", "");
        filters.put("hasPhotos", false);
        filters.put("procedureProofApproved", false);
        body.put("keyword", REVIEWS_KEYWORD);
        ObjectNode pagination = body.putObject("pagination");
        pagination.put("pageIndex", pageIndex);
        pagination.put("pageSize", PAGE_SIZE);
        pagination.put("sort", "RECENT_POSTED_AT");
        return body;
    }

    private static CollectedRecord apiReview(JsonNode item, String id, Instant at) {
        String currency = Fields.text(item, "totalCost.currency");
        Long price = currency == null || currency.equalsIgnoreCase("KRW") ? Prices.krw(item.get("totalCost")) : null;
        String procedure = ReviewNormaliser.names(item.path("treatments"));
        if (procedure == null) {
            procedure = ReviewNormaliser.names(item.path("amplitudeTreatmentInfo").path("treatmentLabelList"));
        }
        return new RecordBuilder(Platform.GANGNAMUNNI.id(), REVIEW_CATEGORY, CollectedRecord.KIND_REVIEW, REVIEWS_API_SCOPE, id)
                .body(Fields.text(item, "description"))
                .author(Fields.text(item, "author.nickName"))
                .createdAt(at)
                .rating(Fields.doubleValue(item, "totalRating"))
                .hospital(Fields.text(item, "hospital.name"))
                .procedure(procedure)
                .price(price)
                .raw(item)
                .build();
    }


    private Instant time(JsonNode item, String field, String label) throws SourceException {
        JsonNode n = f.required(item, field, label);
        Instant t = SourceDates.parse(n);
        if (t == null) {
            throw new SourceException(SourceErrorKind.SHAPE_CHANGE, SOURCE, label, "response field '" + label + "' has an unrecognised date '"
                    + abbreviate(n.asText()) + "' (the API shape changed)");
        }
        return t;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
