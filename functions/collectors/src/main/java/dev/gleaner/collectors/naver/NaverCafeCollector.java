package dev.gleaner.collectors.naver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.metrics.SourceErrorKind;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.collectors.BatchRequest;
import dev.gleaner.collectors.BatchResult;
import dev.gleaner.collectors.CategoryPlan;
import dev.gleaner.collectors.SourceCollector;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.PageSink;
import dev.gleaner.collectors.RetryableSourceException;
import dev.gleaner.collectors.SourceException;
import dev.gleaner.collectors.support.Batch;
import dev.gleaner.collectors.support.Browser;
import dev.gleaner.collectors.support.CallContext;
import dev.gleaner.collectors.support.DateRange;
import dev.gleaner.collectors.support.Fields;
import dev.gleaner.collectors.support.HeaderValues;
import dev.gleaner.collectors.support.HtmlText;
import dev.gleaner.collectors.support.HttpResult;
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
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Request;

/**
 * Naver Cafe (네이버 카페): boards from the menus API; each board's articles from the legacy list
 * API ({@code ArticleListV2dot1.json}) or, when that is unusable, the newer board-list API; then
 * each article in range read through the gw/v3 article API for its body and comments.
 */
public final class NaverCafeCollector extends SourceCollector {
    public static final String SOURCE = "naver";
    static final Set<String> SKIPPED_MENU_TYPES = Set.of("P", "L", "F");
    static final Duration LIST_DELAY = Duration.ofSeconds(1);
    static final Duration BEFORE_ARTICLE = Duration.ofSeconds(5);
    static final Duration AFTER_ARTICLE = Duration.ofMillis(300);
    static final int MAX_PAGES = 100;
    static final int OLDER_RUN = 5;
    static final int SYSTEM_ERROR_RETRIES = 3;
    static final String LOGIN_MESSAGE = "login cookies are missing or expired; log in again and pass fresh naver_cookies";
    private static final String CAFE_WEB = "https://cafe.naver.com";

    public NaverCafeCollector(CollectorOptions options) {
        super(Platform.NAVER, options);
    }

    // ---------------------------------------------------------------- plan

    @Override
    public List<CategoryPlan> plan(CollectionRequest request, Secrets secrets) throws SourceException {
        Secrets s = secrets == null ? Secrets.NONE : secrets;
        String cafeId = cafeId(request);
        String cookies = HeaderValues.check(SOURCE, "naver_cookies", s.naverCookies());
        CallContext ctx = call(s);
        URI uri = Query.of(options.endpoints().naverCafeArticle(), "/gw/v3/cafes/" + Query.segment(cafeId) + "/menus")
                .param("useCafeId", "true").param("requestFrom", "A").uri();
        String what = "/gw/v3/cafes/{cafe}/menus";
        JsonNode body;
        try {
            body = naverJson(ctx, get(ctx, uri, cookies), what, cafeId);
            while (body == null) {
                body = naverJson(ctx, get(ctx, uri, cookies), what, cafeId);
            }
        } catch (WaitRequired w) {
            throw new RetryableSourceException(SourceErrorKind.RATE_LIMITED, SOURCE, null, "the menus API asked us to wait " + w.seconds() + " s; try again later");
        }
        failOnError(ctx, body, what, "result.menus");
        ArrayNode menus = f.array(body, "result.menus");

        record Menu(String id, String name, String type, boolean articleBoard, long sort, int order) {}
        Map<String, Menu> byId = new LinkedHashMap<>();
        int order = 0;
        for (JsonNode raw : menus) {
            JsonNode m = f.item(raw, "result.menus[]");
            String id = f.id(m, "id", "result.menus[].id");
            String name = HtmlText.unescape(Fields.text(m, "name"));
            String type = upper(Fields.text(m, "menuType"));
            String boardType = Fields.text(m, "boardType");
            boolean article = !SKIPPED_MENU_TYPES.contains(type) && ("B".equals(type) || boardType != null);
            Long sort = Fields.longValue(m, "sort");
            byId.putIfAbsent(id, new Menu(id, name == null ? "게시판 " + id : name, type, article,
                    sort == null ? Long.MAX_VALUE : sort, order++));
        }
        List<CategoryPlan> plans = new ArrayList<>();
        if (request.menuIds().isEmpty()) {
            byId.values().stream().filter(Menu::articleBoard)
                    .sorted(Comparator.comparingLong(Menu::sort).thenComparingInt(Menu::order))
                    .forEach(m -> plans.add(new CategoryPlan(m.id(), m.name())));
            if (plans.isEmpty()) {
                throw new SourceException(SourceErrorKind.BAD_REQUEST, SOURCE, "cafe_id", "cafe " + cafeId + " lists no article boards"
                        + (cookies == null ? " (a members-only cafe needs naver_cookies)" : ""));
            }
            return plans;
        }
        for (String wanted : request.menuIds()) {
            String id = wanted.trim();
            Menu m = byId.get(id);
            if (m == null) {
                throw new SourceException(SourceErrorKind.BAD_REQUEST, SOURCE, "menu_id", "board " + id + " was not found in cafe " + cafeId);
            }
            if (SKIPPED_MENU_TYPES.contains(m.type())) {
                throw new SourceException(SourceErrorKind.BAD_REQUEST, SOURCE, "menu_id", "menu " + id + " of cafe " + cafeId
                        + " is a link, folder or profile menu, not an article board");
            }
            if (plans.stream().noneMatch(p -> p.key().equals(id))) {
                plans.add(new CategoryPlan(id, m.name()));
            }
        }
        return plans;
    }

    private static String cafeId(CollectionRequest request) throws SourceException {
        String id = request.cafeId();
        if (id == null || !id.trim().matches("\\d{1,20}")) {
            throw new SourceException(SourceErrorKind.BAD_REQUEST, SOURCE, "cafe_id", "cafe_id must be the cafe's numeric id");
        }
        return id.trim();
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- batches

    @Override
    public BatchResult collectBatch(BatchRequest req, PageSink pages) throws SourceException {
        String cafeId = cafeId(req.request());
        String menuId = req.categoryKey().trim();
        if (!menuId.matches("\\d{1,20}")) {
            throw new SourceException(SourceErrorKind.BAD_REQUEST, SOURCE, "menu_id", "board id '" + menuId + "' is not numeric");
        }
        String board = req.categoryName();
        String cookies = HeaderValues.check(SOURCE, "naver_cookies", req.secrets().naverCookies());
        int perPage = req.request().perPage() <= 0 ? 20 : Math.min(50, req.request().perPage());
        NaverCursor c = Batch.cursor(req.cursor(), NaverCursor.class, SOURCE, NaverCursor::new);
        if (c.olderIds == null) {
            c.olderIds = new ArrayList<>();
        }
        DateRange range = DateRange.of(req.request(), req.now());
        long remaining = req.remaining();

        CallContext ctx = call(req, c);
        Batch batch = new Batch(ctx, pages);
        if (remaining <= 0) {
            return batch.done();
        }
        Board b = new Board(cafeId, menuId, board, perPage, cookies);
        try {
            while (true) {
                if (c.page > MAX_PAGES) {
                    ctx.note(board + ": stopped after " + MAX_PAGES + " pages without passing " + range.from());
                    return batch.done();
                }
                if (!batch.nextListPage()) {
                    return batch.more(c);
                }
                ListPage page = listPage(ctx, c, b);
                ctx.listPageFetched();
                if (page.items().isEmpty()) {
                    return batch.done();
                }
                boolean stop = false;
                for (ListItem item : page.items()) {
                    if (c.lastId != null && compareIds(item.id(), c.lastId) >= 0) {
                        continue;
                    }
                    DateRange.Position pos = range.position(item.time());
                    if (pos == DateRange.Position.NEWER) {
                        c.olderIds.clear();
                        continue;
                    }
                    if (pos == DateRange.Position.OLDER) {
                        if (!c.olderIds.contains(item.id())) {
                            c.olderIds.add(item.id());
                        }
                        if (c.olderIds.size() >= OLDER_RUN) {
                            stop = true;
                            break;
                        }
                        continue;
                    }
                    c.olderIds.clear();
                    if (ctx.outOfTime()) {
                        return batch.more(c);
                    }
                    ctx.pause(BEFORE_ARTICLE);
                    CollectedRecord r = read(ctx, b, item);
                    ctx.pause(AFTER_ARTICLE);
                    c.lastId = item.id();
                    if (r != null) {
                        batch.post(r);
                        if (batch.posts() >= remaining) {
                            return batch.done();
                        }
                    }
                }
                if (stop || !page.hasNext()) {
                    return batch.done();
                }
                c.page++;
            }
        } catch (WaitRequired w) {
            return batch.waiting(c, w);
        }
    }

    /** Numeric ids compare as numbers; anything else never counts as done. */
    static int compareIds(String a, String b) {
        if (a.matches("\\d{1,30}") && b.matches("\\d{1,30}")) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        return -1;
    }

    private record Board(String cafeId, String menuId, String name, int perPage, String cookies) {}

    record ListItem(String id, Instant time, String subject, String author, Long reads, Integer comments, Long likes,
            JsonNode raw) {}

    record ListPage(List<ListItem> items, boolean hasNext) {}

    // ---------------------------------------------------------------- lists

    private ListPage listPage(CallContext ctx, NaverCursor c, Board b) throws SourceException, WaitRequired {
        if (c.api == null) {
            return probe(ctx, c, b);
        }
        while (true) {
            ListPage p = NaverCursor.BOARD_LIST.equals(c.api) ? boardList(ctx, c.page, b) : legacy(ctx, c.page, b);
            if (p != null) {
                return p;
            }
        }
    }

    /** First page of a board: the legacy list first, the board-list API when it is unusable. */
    private ListPage probe(CallContext ctx, NaverCursor c, Board b) throws SourceException, WaitRequired {
        String reason;
        String legacyField = null;
        try {
            ListPage p = legacy(ctx, c.page, b);
            if (p != null) {
                c.api = NaverCursor.LEGACY;
                return p;
            }
            reason = "HTTP 404";
        } catch (SourceException e) {
            if ("naver_cookies".equals(e.field())) {
                throw e;
            }
            reason = strip(e.getMessage());
            legacyField = e.field();
        }
        ctx.note(b.name() + ": the legacy article list (ArticleListV2dot1.json) was unusable (" + reason
                + "); using the board-list API");
        try {
            ListPage p = boardList(ctx, c.page, b);
            while (p == null) {
                p = boardList(ctx, c.page, b);
            }
            c.api = NaverCursor.BOARD_LIST;
            return p;
        } catch (SourceException e) {
            if ("naver_cookies".equals(e.field())) {
                throw e;
            }
            String msg = "neither article-list API answered usably: ArticleListV2dot1.json: " + reason
                    + "; cafe-boardlist-api: " + strip(e.getMessage());
            String field = e.field() != null ? e.field() : legacyField;
            throw e.retryable() ? new RetryableSourceException(e.kind(), SOURCE, field, msg)
                    : new SourceException(e.kind(), SOURCE, field, msg);
        }
    }

    private static String strip(String message) {
        return message != null && message.startsWith(SOURCE + ": ") ? message.substring(SOURCE.length() + 2) : message;
    }

    /** {@code message.result.articleList[]} with flat items; null on 404. */
    private ListPage legacy(CallContext ctx, int page, Board b) throws SourceException, WaitRequired {
        URI uri = Query.of(options.endpoints().naverCafeApi(), "/cafe-web/cafe2/ArticleListV2dot1.json")
                .param("search.clubid", b.cafeId()).param("search.queryType", "lastArticle")
                .param("search.menuid", b.menuId()).param("search.page", page).param("search.perPage", b.perPage())
                .param("adUnit", "MW_CAFE_ARTICLE_LIST_RS").uri();
        String what = "ArticleListV2dot1.json";
        ctx.pauseBetween(LIST_DELAY);
        JsonNode body = naverJson(ctx, get(ctx, uri, b.cookies()), what, b.cafeId());
        if (body == null) {
            return null;
        }
        ArrayNode list = articleList(ctx, body, what, "message.result.articleList");
        List<ListItem> items = new ArrayList<>();
        for (JsonNode raw : list) {
            JsonNode it = f.item(raw, "message.result.articleList[]");
            items.add(listItem(it, "message.result.articleList[]", Fields.text(it, "writerNickname")));
        }
        JsonNode hasNext = Fields.at(body, "message.result.hasNext");
        return new ListPage(items, hasNext.isBoolean() ? hasNext.booleanValue() : list.size() >= b.perPage());
    }

    /** {@code result.articleList[].item} (entries of other types, such as ads, are skipped); null on 404. */
    private ListPage boardList(CallContext ctx, int page, Board b) throws SourceException, WaitRequired {
        URI uri = Query.of(options.endpoints().naverCafeApi(), "/cafe-web/cafe-boardlist-api/v1/cafes/"
                        + Query.segment(b.cafeId()) + "/menus/" + Query.segment(b.menuId()) + "/articles")
                .param("page", page).param("pageSize", b.perPage()).param("sortBy", "TIME").param("viewType", "L").uri();
        String what = "cafe-boardlist-api";
        ctx.pauseBetween(LIST_DELAY);
        Request request = get(ctx, uri, b.cookies()).newBuilder()
                .header("x-cafe-product", "pc").build();
        JsonNode body = naverJson(ctx, request, what, b.cafeId());
        if (body == null) {
            return null;
        }
        ArrayNode list = articleList(ctx, body, what, "result.articleList");
        List<ListItem> items = new ArrayList<>();
        for (JsonNode entry : list) {
            f.item(entry, "result.articleList[]");
            String type = Fields.text(entry, "type");
            if (type != null && !type.equalsIgnoreCase("ARTICLE")) {
                continue;
            }
            JsonNode it = entry.has("item") ? f.object(entry, "item", "result.articleList[].item") : entry;
            items.add(listItem(it, "result.articleList[].item",
                    first(Fields.text(it, "writerInfo.nickName"), Fields.text(it, "writerNickname"))));
        }
        JsonNode info = Fields.at(body, "result.pageInfo");
        boolean hasNext;
        if (info.path("hasNext").isBoolean()) {
            hasNext = info.path("hasNext").booleanValue();
        } else if (info.path("isLastPage").isBoolean()) {
            hasNext = !info.path("isLastPage").booleanValue();
        } else if (Fields.longValue(info, "lastNavigationPageNumber") != null) {
            hasNext = page < Fields.longValue(info, "lastNavigationPageNumber");
        } else {
            hasNext = list.size() >= b.perPage();
        }
        return new ListPage(items, hasNext);
    }

    /** The article list at {@code path} of a list answer, after the answer's own error check. */
    private ArrayNode articleList(CallContext ctx, JsonNode body, String what, String path) throws SourceException {
        failOnError(ctx, body, what, path);
        return f.array(body, path);
    }

    /** One article of either list API; {@code label} names the item in errors. */
    private ListItem listItem(JsonNode it, String label, String author) throws SourceException {
        return new ListItem(
                f.id(it, "articleId", label + ".articleId"),
                timestamp(it, "writeDateTimestamp", label + ".writeDateTimestamp"),
                HtmlText.unescape(Fields.text(it, "subject")),
                author,
                Fields.longValue(it, "readCount"), Fields.intValue(it, "commentCount"), Fields.longValue(it, "likeCount"),
                it);
    }

    private Instant timestamp(JsonNode item, String field, String label) throws SourceException {
        JsonNode n = f.required(item, field, label);
        Instant t = SourceDates.parse(n);
        if (t == null) {
            throw new SourceException(SourceErrorKind.SHAPE_CHANGE, SOURCE, label, "response field '" + label + "' has an unrecognised date (the API shape changed)");
        }
        return t;
    }

    // ---------------------------------------------------------------- articles

    /** Reads one article; null when it is gone or Naver declines it for a reason other than login. */
    private CollectedRecord read(CallContext ctx, Board b, ListItem item) throws SourceException, WaitRequired {
        URI uri = Query.of(options.endpoints().naverCafeArticle(), "/gw/v3/cafes/" + Query.segment(b.cafeId())
                        + "/articles/" + Query.segment(item.id()))
                .param("query", "").param("boardType", "L").param("useCafeId", "true").param("requestFrom", "A").uri();
        String what = "/gw/v3/cafes/{cafe}/articles/{id}";
        JsonNode body = naverJson(ctx, get(ctx, uri, b.cookies()), what, b.cafeId());
        if (body == null) {
            ctx.note(b.name() + ": article " + item.id() + " not found (HTTP 404; deleted?); skipped");
            return null;
        }
        NaverError err = NaverError.of(body);
        if (err != null) {
            ctx.note(b.name() + ": article " + item.id() + " skipped: Naver answered " + ctx.scrub(err.describe()));
            return null;
        }
        JsonNode article = f.object(body, "result.article");
        JsonNode html = Fields.at(article, "contentHtml");
        if (!html.isTextual()) {
            html = Fields.at(body, "result.scrap.contentHtml");
        }
        if (!html.isTextual()) {
            throw Fields.present(Fields.at(article, "contentHtml"))
                    ? SourceException.wrongType(SOURCE, "result.article.contentHtml", "a string", Fields.at(article, "contentHtml"))
                    : SourceException.missingField(SOURCE, "result.article.contentHtml");
        }
        Instant written = SourceDates.parse(article.get("writeDate"));
        List<RecordComment> comments = comments(body);
        ObjectNode raw = Json.object();
        raw.set("list", item.raw());
        ObjectNode articleRaw = ((ObjectNode) article).deepCopy();
        articleRaw.remove("contentHtml");
        raw.set("article", articleRaw);
        Integer commentCount = item.comments() != null ? item.comments() : Fields.intValue(article, "commentCount");
        return new RecordBuilder(Platform.NAVER.id(), b.name(), CollectedRecord.KIND_POST, b.cafeId(), item.id())
                .url(CAFE_WEB + "/ca-fe/cafes/" + Query.segment(b.cafeId()) + "/articles/" + Query.segment(item.id()))
                .title(first(item.subject(), HtmlText.unescape(Fields.text(article, "subject"))))
                .body(HtmlText.toText(html.textValue()))
                .author(first(item.author(), Fields.text(article, "writer.nick")))
                .createdAt(written != null ? written : item.time())
                .viewCount(item.reads() != null ? item.reads() : Fields.longValue(article, "readCount"))
                .likeCount(item.likes())
                .commentCount(commentCount)
                .comments(comments)
                .raw(raw)
                .build();
    }

    private List<RecordComment> comments(JsonNode body) throws SourceException {
        JsonNode items = Fields.at(body, "result.comments.items");
        if (!Fields.present(items)) {
            return List.of();
        }
        if (!items.isArray()) {
            throw SourceException.wrongType(SOURCE, "result.comments.items", "an array", items);
        }
        List<RecordComment> out = new ArrayList<>();
        for (JsonNode cm : items) {
            // comments are plain text (entities aside), so no tag stripping: "a<b" stays as written
            if (!cm.isObject() || Fields.truthy(cm, "isDeleted")) {
                continue;
            }
            Instant t = SourceDates.parse(cm.get("updateDate"));
            out.add(new RecordComment(Fields.text(cm, "id"), Fields.text(cm, "writer.nick"),
                    HtmlText.unescape(Fields.text(cm, "content")), Timestamps.format(t)));
        }
        return out;
    }

    // ---------------------------------------------------------------- HTTP

    private static Request get(CallContext ctx, URI uri, String cookies) {
        Request.Builder b = Browser.xhr(ctx.http().request(uri), CAFE_WEB, "same-site")
                .header("Accept", "application/json, text/plain, */*");
        if (cookies != null) {
            b.header("Cookie", cookies);
        }
        return b.get().build();
    }

    /**
     * Sends a Naver request: 401/403 and login errors become the cookie message, error_code "000"
     * is retried {@value #SYSTEM_ERROR_RETRIES} times with 1, 2, 4 s back-off. Returns null on 404
     * (after the 404 policy), else the JSON body, which may still carry another Naver error.
     */
    private JsonNode naverJson(CallContext ctx, Request request, String what, String cafeId)
            throws SourceException, WaitRequired {
        for (int retry = 0; ; retry++) {
            HttpResult r = ctx.send(request, what);
            if (r.status() == 401 || r.status() == 403) {
                NaverError err = r.body() == null ? null : quietError(r.body());
                throw auth(err, cafeId);
            }
            if (r.redirect()) {
                String location = r.header("Location").orElse("").toLowerCase(Locale.ROOT);
                if (location.contains("nid.naver.com") || location.contains("login")) {
                    throw auth(null, cafeId);
                }
                throw ctx.unexpected(r, what);
            }
            if (r.status() == 404) {
                return null;
            }
            if (!r.ok()) {
                throw ctx.unexpected(r, what);
            }
            JsonNode n = ctx.json(r, what);
            NaverError err = NaverError.of(n);
            if (err != null && err.system()) {
                if (retry >= SYSTEM_ERROR_RETRIES) {
                    throw new RetryableSourceException(SourceErrorKind.SOURCE_ERROR, SOURCE, "error_code", "Naver kept answering a system error (error_code 000) from "
                            + what + " after " + SYSTEM_ERROR_RETRIES + " retries; try again later");
                }
                ctx.pause(Duration.ofSeconds(1L << retry));
                continue;
            }
            if (err != null && (err.loginRequired() || err.membersOnly())) {
                throw auth(err, cafeId);
            }
            return n;
        }
    }

    private static NaverError quietError(String body) {
        try {
            return NaverError.of(Json.parse(body));
        } catch (Exception e) {
            return null;
        }
    }

    private static SourceException auth(NaverError err, String cafeId) {
        if (err != null && err.membersOnly() && !err.loginRequired()) {
            return new SourceException(SourceErrorKind.LOGIN_REQUIRED, SOURCE, "naver_cookies", "cafe " + cafeId + " shows this only to its members; "
                    + "pass naver_cookies of an account that has joined the cafe (the current ones are missing or expired)");
        }
        return new SourceException(SourceErrorKind.LOGIN_REQUIRED, SOURCE, "naver_cookies", LOGIN_MESSAGE);
    }

    /** A list or menus body that carries a Naver error instead of its data. */
    private void failOnError(CallContext ctx, JsonNode body, String what, String dataPath) throws SourceException {
        if (Fields.present(Fields.at(body, dataPath))) {
            return;
        }
        NaverError err = NaverError.of(body);
        if (err != null) {
            throw new SourceException(SourceErrorKind.SOURCE_ERROR, SOURCE, dataPath, what + " answered " + ctx.scrub(err.describe()) + " instead of data");
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
