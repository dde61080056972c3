package dev.gleaner.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gleaner.collectors.SourceEndpoints;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
import dev.gleaner.local.http.DaemonHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Built-in sample sources for Babitalk, Gangnam Unni and Naver Cafe on a loopback port
 * ({@code --demo}): the endpoints and response shapes the collectors read (functions/collectors,
 * ../shared/sources.md), deterministic posts dated over the last days (see {@link DemoPosts}), with
 * comments, and a realistic answer time. One origin serves all five source URLs, so a runner (or a
 * test) points every collector here with {@link #endpoints()}.
 */
public final class DemoSources implements AutoCloseable {
    /** Days with several posts a day (today included); before them, one post a day. */
    public static final int RECENT_DAYS = 14;
    /** The day of the oldest posts. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    /** The cafe the demo serves (the guide's example id); any other cafe id answers the same boards. */
    public static final String CAFE_ID = "10912875";
    static final int BABITALK_PAGE = 24;

    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    private static final Pattern TALK_COMMENTS = Pattern.compile("/v2/community/talks/(\\d{1,18})/comments");
    private static final Pattern GU_POST = Pattern.compile("/community/(\\d{1,18})");
    private static final Pattern NAVER_MENUS = Pattern.compile("/gw/v3/cafes/(\\d{1,20})/menus");
    private static final Pattern NAVER_ARTICLE = Pattern.compile("/gw/v3/cafes/(\\d{1,20})/articles/(\\d{1,18})");
    private static final Pattern NAVER_BOARD_LIST =
            Pattern.compile("/cafe-web/cafe-boardlist-api/v1/cafes/(\\d{1,20})/menus/(\\d{1,18})/articles");
    /** Naver boards: id, name (HTML-escaped, as Naver sends it). */
    static final Map<String, String> NAVER_BOARDS = boards();

    private final DaemonHttpServer server;
    private final Clock clock;
    private final Duration minLatency;
    private final Duration maxLatency;
    private final Instant madeAt;
    private final Map<String, DemoPosts> lists = new ConcurrentHashMap<>();

    private DemoSources(Clock clock, Duration minLatency, Duration maxLatency) throws IOException {
        this.server = DaemonHttpServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "demo-sources", 8,
                this::handle);
        this.clock = clock;
        this.minLatency = minLatency;
        this.maxLatency = maxLatency;
        this.madeAt = clock.instant();
    }

    /** With a realistic answer time: 40 to 160 ms. */
    public static DemoSources start() throws IOException {
        return start(Clock.systemUTC(), Duration.ofMillis(40), Duration.ofMillis(160));
    }

    public static DemoSources start(Clock clock, Duration minLatency, Duration maxLatency) throws IOException {
        DemoSources demo = new DemoSources(clock, minLatency, maxLatency);
        demo.server.http().start();
        return demo;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String origin() {
        return "http://127.0.0.1:" + server.http().getAddress().getPort();
    }

    /** Every source URL at this server. */
    public SourceEndpoints endpoints() {
        return SourceEndpoints.allAt(origin());
    }

    /** The five source variables, set to this server (what {@code --demo} puts in the environment). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of(Env.BABITALK_API_URL, Env.GANGNAMUNNI_URL,
                Env.GANGNAMUNNI_REVIEWS_URL, Env.NAVER_CAFE_API_URL,
                Env.NAVER_CAFE_ARTICLE_URL)) {
            env.put(name, origin());
        }
        return env;
    }

    @Override
    public void close() {
        server.close();
    }

    // ------------------------------------------------------------------ serving

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            Map<String, String> q = query(uri.getRawQuery());
            pause(path + "?" + uri.getRawQuery());
            Answer a = route(ex.getRequestMethod(), path, q, ex);
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", a.contentType());
            ex.sendResponseHeaders(a.status(), body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        } catch (RuntimeException e) {
            byte[] body = "{\"error\":\"demo source failed\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(500, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private record Answer(int status, String contentType, String body) {
        static Answer json(Object body) {
            return new Answer(200, "application/json; charset=utf-8", Json.write(body));
        }

        static Answer notFound() {
            return new Answer(404, "application/json; charset=utf-8", "{\"message\":\"not found\"}");
        }
    }

    private Answer route(String method, String path, Map<String, String> q, HttpExchange ex) throws IOException {
        Matcher m;
        if (method.equals("GET")) {
            switch (path) {
                case "/v2/reviews" -> {
                    return babitalkList("reviews", q, this::review);
                }
                case "/v2/community/talks" -> {
                    return babitalkList("talks-" + q.getOrDefault("service_id", "79"), q, this::talk);
                }
                case "/v2/event-ask-memos" -> {
                    return babitalkList("memos-" + q.getOrDefault("category_id", "3000"), q, this::memo);
                }
                case "/api/solar/search/document" -> {
                    return gangnamunniList(q);
                }
                case "/cafe-web/cafe2/ArticleListV2dot1.json" -> {
                    return naverLegacyList(q);
                }
                default -> { }
            }
            if ((m = TALK_COMMENTS.matcher(path)).matches()) {
                return talkComments(Long.parseLong(m.group(1)));
            }
            if ((m = GU_POST.matcher(path)).matches()) {
                return gangnamunniPost(Long.parseLong(m.group(1)));
            }
            if ((m = NAVER_MENUS.matcher(path)).matches()) {
                return naverMenus(m.group(1));
            }
            if ((m = NAVER_ARTICLE.matcher(path)).matches()) {
                return naverArticle(m.group(1), Long.parseLong(m.group(2)));
            }
            if ((m = NAVER_BOARD_LIST.matcher(path)).matches()) {
                return naverBoardList(m.group(2), q);
            }
        }
        if (method.equals("POST") && path.equals("/display/search-view/reviews")) {
            JsonNode body = Json.parse(new String(ex.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8));
            return gangnamunniReviews(body.path("pagination").path("pageIndex").asInt(0));
        }
        return Answer.notFound();
    }

    /** A deterministic answer time between the bounds, per request. */
    private void pause(String key) {
        long min = minLatency.toMillis();
        long span = maxLatency.toMillis() - min;
        if (min <= 0 && span <= 0) {
            return;
        }
        long ms = min + (span <= 0 ? 0 : Math.floorMod(key.hashCode(), span + 1));
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every list the collectors read; each gets its own id range, so ids never collide across lists. */
    static final List<String> KNOWN_LISTS = List.of("babitalk-reviews", "babitalk-talks-79", "babitalk-talks-71",
            "babitalk-talks-72", "babitalk-memos-3000", "babitalk-memos-3100", "babitalk-memos-3200", "babitalk-memos-3300",
            "babitalk-memos-3400", "babitalk-memos-3500", "babitalk-memos-3600", "gangnamunni-11", "gangnamunni-2",
            "gangnamunni-1", "gangnamunni-5", "gangnamunni-13", "gangnamunni-reviews-api", "naver-38", "naver-39", "naver-40");

    private DemoPosts list(String name) {
        return lists.computeIfAbsent(name, n -> {
            int known = KNOWN_LISTS.indexOf(n);
            long base = (known >= 0 ? known + 1 : 100 + Math.floorMod(n.hashCode(), 900)) * 1_000_000L;
            return new DemoPosts(n, base, madeAt);
        });
    }

    // ------------------------------------------------------------------ Babitalk

    private interface ItemWriter {
        void write(ObjectNode item, DemoPosts.Post p, Random r);
    }

    private Answer babitalkList(String name, Map<String, String> q, ItemWriter writer) {
        DemoPosts posts = list("babitalk-" + name);
        long after = parseLong(q.get("search_after"), 0);
        List<DemoPosts.Post> page = posts.before(after, BABITALK_PAGE);
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (DemoPosts.Post p : page) {
            ObjectNode item = data.addObject();
            item.put("id", p.id());
            writer.write(item, p, new Random(p.seed()));
        }
        boolean hasNext = !page.isEmpty() && posts.hasOlderThan(page.get(page.size() - 1));
        ObjectNode pagination = body.putObject("pagination").put("has_next", hasNext);
        if (hasNext) {
            pagination.put("search_after", page.get(page.size() - 1).id());
        } else {
            pagination.putNull("search_after");
        }
        return Answer.json(body);
    }

    private void review(ObjectNode item, DemoPosts.Post p, Random r) {
        String procedure = Texts.pick(r, Texts.PROCEDURES);
        item.putArray("categories").add(procedure);
        item.putArray("sub_categories");
        item.putNull("concerns");
        item.put("surgery_date", p.at().atZone(DemoPosts.SEOUL).minusDays(7 + r.nextInt(60)).toLocalDate().toString());
        item.put("created_at", wall(p.at()));
        item.put("rating", 3 + r.nextInt(3));
        item.put("text", Texts.review(r, procedure));
        item.put("is_blind", false);
        item.put("is_image_blur", false);
        item.put("is_certificated_review", r.nextBoolean());
        item.putArray("images");
        item.put("price", (5 + r.nextInt(40)) * 100_000);
        item.put("service", "TREATMENTS");
        user(item.putObject("user"), r);
        item.putNull("event");
        item.putObject("search_doctor").put("id", 70 + r.nextInt(20)).put("name", Texts.pick(r, Texts.DOCTORS))
                .put("specialist", "성형외과 전문의").put("position", "원장").putNull("profile_photo");
        item.putObject("hospital").put("id", 9 + r.nextInt(30)).put("name", Texts.pick(r, Texts.HOSPITALS))
                .putNull("image").put("region", Texts.pick(r, Texts.REGIONS)).put("star_avg", 4.5).put("review_count", 100 + r.nextInt(2000));
    }

    private void talk(ObjectNode item, DemoPosts.Post p, Random r) {
        item.put("service_id", 79);
        item.put("title", Texts.pick(r, Texts.TALK_TITLES));
        item.put("text", Texts.question(r));
        item.put("total_comment", comments(p));
        item.put("created_at", wall(p.at()));
        item.put("is_vote", false);
        item.put("is_best", r.nextInt(10) == 0);
        item.put("is_notice", false);
        user(item.putObject("user"), r);
        item.putArray("images");
    }

    private void memo(ObjectNode item, DemoPosts.Post p, Random r) {
        String procedure = Texts.pick(r, Texts.PROCEDURES);
        item.put("star_score", 3 + r.nextInt(3));
        item.put("category", procedure);
        item.put("main_category_id", 3000);
        item.put("region", "서울 " + Texts.pick(r, Texts.REGIONS) + "구");
        item.put("hospital_name", Texts.pick(r, Texts.HOSPITALS));
        user(item.putObject("user"), r);
        item.put("first_write_at", relative(p.at()));
        item.put("real_price", (5 + r.nextInt(40)) * 100_000);
        item.put("text", Texts.consultation(r, procedure));
    }

    private Answer talkComments(long talkId) {
        DemoPosts.Post p = findAnywhere("babitalk-talks-", talkId);
        if (p == null) {
            return Answer.notFound();
        }
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        Random r = new Random(p.seed() + 7);
        for (int i = 0; i < comments(p); i++) {
            ObjectNode c = data.addObject();
            c.put("id", p.id() * 10 + i);
            c.put("parent_id", 0);
            c.put("is_parent", true);
            user(c.putObject("user"), r);
            c.putNull("to_name");
            c.put("is_del", 0);
            c.putNull("blind_at");
            c.putNull("blind_type");
            c.put("text", Texts.pick(r, Texts.COMMENTS));
            c.put("created_at", wall(p.at().plusSeconds(600L * (i + 1))));
        }
        body.putObject("pagination").put("has_next", false);
        return Answer.json(body);
    }

    /** A post by id among the known lists whose names start with {@code prefix}. */
    private DemoPosts.Post findAnywhere(String prefix, long id) {
        for (String name : KNOWN_LISTS) {
            if (name.startsWith(prefix)) {
                DemoPosts.Post p = list(name).find(id);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static void user(ObjectNode u, Random r) {
        u.put("id", 500 + r.nextInt(500));
        u.put("name", Texts.pick(r, Texts.NICKNAMES));
        u.putNull("profile");
    }

    // ------------------------------------------------------------------ Gangnam Unni

    private static final Map<Integer, String> GU_CATEGORIES = Map.of(11, "병원질문", 2, "시술/수술질문", 1, "자유수다",
            5, "발품후기", 13, "의사에게 물어보세요");

    private Answer gangnamunniList(Map<String, String> q) {
        int category = (int) parseLong(q.get("categoryIds"), 11);
        if (!GU_CATEGORIES.containsKey(category)) {
            return Answer.json(Json.object().put("reason", "INVALID_CATEGORY").putNull("data"));
        }
        DemoPosts posts = list("gangnamunni-" + category);
        int start = (int) Math.min(parseLong(q.get("start"), 0), Integer.MAX_VALUE);
        int length = (int) Math.max(1, Math.min(parseLong(q.get("length"), 20), 100));
        ObjectNode body = Json.object().put("reason", "SUCCESS");
        ArrayNode data = body.putArray("data");
        for (DemoPosts.Post p : posts.page(start, length)) {
            Random r = new Random(p.seed());
            ObjectNode item = data.addObject();
            item.put("id", p.id());
            item.put("categoryId", category);
            item.put("categoryName", GU_CATEGORIES.get(category));
            item.put("writerId", 880_000 + r.nextInt(1000));
            item.putNull("writerDoctorId");
            item.putNull("writerProfile");
            item.put("writerNickName", Texts.pick(r, Texts.NICKNAMES));
            item.put("writerLevel", 1 + r.nextInt(5));
            item.putNull("writerEngagementType");
            item.put("hasThumbUp", false);
            item.put("commentCount", comments(p));
            item.put("thumbUpCount", r.nextInt(30));
            item.put("viewCount", 20 + r.nextInt(900));
            item.put("createTime", p.at().toEpochMilli());
            item.put("edited", false);
            String procedure = Texts.pick(r, Texts.PROCEDURES);
            item.put("contents", category == 5 ? Texts.reviewPost(r, procedure, Texts.pick(r, Texts.HOSPITALS)) : Texts.question(r));
            item.putArray("photos");
            item.put("lang", "ko");
            item.put("hasDoctorComment", category == 13);
            item.putNull("translateResult");
        }
        return Answer.json(body);
    }

    private Answer gangnamunniPost(long id) {
        DemoPosts.Post p = findAnywhere("gangnamunni-", id);
        if (p == null) {
            return new Answer(404, "text/html; charset=utf-8", "<!DOCTYPE html><html><body>404</body></html>");
        }
        Random r = new Random(p.seed() + 7);
        ArrayNode comments = Json.MAPPER.createArrayNode();
        for (int i = 0; i < comments(p); i++) {
            ObjectNode c = comments.addObject();
            guComment(c, p.id() * 10 + i, p.at().plusSeconds(900L * (i + 1)), r);
            ArrayNode replies = c.putArray("replies");
            if (i == 0 && r.nextBoolean()) {
                guComment(replies.addObject(), p.id() * 10 + 9, p.at().plusSeconds(3600), r);
                replies.get(0).withArray("replies");
            }
        }
        ObjectNode next = Json.object();
        ObjectNode props = next.putObject("props").putObject("pageProps");
        props.putObject("communityDocument").put("id", id);
        props.set("communityDocumentComments", comments);
        next.put("page", "/community/[id]");
        String html = "<!DOCTYPE html><html lang=\"ko\"><head><meta charSet=\"utf-8\"/><title>강남언니</title></head><body>"
                + "<div id=\"__next\"></div><script id=\"__NEXT_DATA__\" type=\"application/json\">"
                + Json.write(next).replace("</", "<\\/") + "</script></body></html>";
        return new Answer(200, "text/html; charset=utf-8", html);
    }

    private static void guComment(ObjectNode c, long id, Instant at, Random r) {
        c.put("id", id);
        c.put("status", 1);
        c.putObject("writer").put("id", 70_000 + r.nextInt(1000)).putNull("doctorId").putNull("profile")
                .put("nickname", Texts.pick(r, Texts.NICKNAMES)).put("level", 2).putNull("engagementType");
        c.put("createTime", at.toEpochMilli());
        c.putNull("replyCommentId");
        c.put("isAdmin", false);
        c.put("edited", false);
        c.put("contents", Texts.pick(r, Texts.COMMENTS));
        c.put("hasThumbUp", false);
        c.put("thumbUpCount", r.nextInt(5));
        c.put("commentCount", 0);
        c.put("lang", "ko");
    }

    private Answer gangnamunniReviews(int pageIndex) {
        DemoPosts posts = list("gangnamunni-reviews-api");
        ObjectNode body = Json.object();
        ArrayNode contents = body.putArray("contents");
        for (DemoPosts.Post p : posts.page(Math.max(0, pageIndex) * 20, 20)) {
            Random r = new Random(p.seed());
            String procedure = Texts.pick(r, Texts.PROCEDURES);
            ObjectNode c = contents.addObject();
            c.put("id", p.id());
            c.putObject("author").put("id", 3300 + r.nextInt(100)).put("level", 3).put("nickName", Texts.pick(r, Texts.NICKNAMES))
                    .putNull("profileImage");
            c.putArray("treatments").addObject().put("id", 100 + r.nextInt(50)).put("name", procedure);
            c.putObject("hospital").put("id", 300 + r.nextInt(50)).put("name", Texts.pick(r, Texts.HOSPITALS))
                    .put("districtName", Texts.pick(r, Texts.REGIONS) + "구").put("country", "KR");
            c.put("totalRating", 6 + r.nextInt(5));
            c.putObject("totalCost").put("currency", "KRW").put("amount", (5 + r.nextInt(40)) * 100_000);
            c.put("description", Texts.review(r, procedure));
            c.put("descriptionLanguage", "ko");
            c.put("postedAtUtc", p.at().truncatedTo(ChronoUnit.SECONDS).toString());
            c.put("procedureProofApproved", r.nextBoolean());
        }
        return Answer.json(body);
    }

    // ------------------------------------------------------------------ Naver Cafe

    private static Map<String, String> boards() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("38", "자유&amp;수다");
        m.put("39", "성형 &lt;후기&gt;");
        m.put("40", "병원 질문");
        return Collections.unmodifiableMap(m);
    }

    private Answer naverMenus(String cafe) {
        ObjectNode body = Json.object();
        ObjectNode result = body.putObject("result");
        result.put("cafeId", Long.parseLong(cafe.length() > 18 ? "0" : cafe));
        ArrayNode menus = result.putArray("menus");
        menus.addObject().put("id", 90).put("name", "카페 소개").put("menuType", "L").putNull("boardType").put("sort", 1);
        int sort = 2;
        for (Map.Entry<String, String> b : NAVER_BOARDS.entrySet()) {
            menus.addObject().put("id", Integer.parseInt(b.getKey())).put("name", b.getValue()).put("menuType", "B")
                    .put("boardType", "L").put("sort", sort++);
        }
        menus.addObject().put("id", 92).put("name", "내 프로필").put("menuType", "P").put("sort", sort);
        return Answer.json(body);
    }

    private Answer naverLegacyList(Map<String, String> q) {
        String menu = q.getOrDefault("search.menuid", "");
        if (!NAVER_BOARDS.containsKey(menu)) {
            return Answer.json(Json.object().set("message", Json.object().put("status", "500")
                    .set("error", Json.object().put("code", "9999").put("msg", "존재하지 않는 게시판입니다."))));
        }
        DemoPosts posts = list("naver-" + menu);
        int perPage = (int) Math.max(1, Math.min(parseLong(q.get("search.perPage"), 20), 50));
        int page = (int) Math.max(1, Math.min(parseLong(q.get("search.page"), 1), 10_000));
        List<DemoPosts.Post> items = posts.page((page - 1) * perPage, perPage);
        ObjectNode message = Json.object().put("status", "200");
        message.putObject("error").put("code", "").put("msg", "");
        ObjectNode result = message.putObject("result");
        ArrayNode list = result.putArray("articleList");
        for (DemoPosts.Post p : items) {
            Random r = new Random(p.seed());
            list.addObject().put("articleId", p.id()).put("subject", escape(Texts.pick(r, Texts.TALK_TITLES)))
                    .put("writerNickname", Texts.pick(r, Texts.NICKNAMES)).put("writerId", "user" + (p.id() % 1000))
                    .put("writeDateTimestamp", p.at().toEpochMilli()).put("readCount", 10 + r.nextInt(500))
                    .put("commentCount", comments(p)).put("likeCount", r.nextInt(20)).put("menuId", Integer.parseInt(menu));
        }
        result.put("hasNext", (long) page * perPage < posts.all().size());
        return Answer.json(Json.object().set("message", message));
    }

    /** The newer board-list API: the collector falls back to it only when the legacy list fails. */
    private Answer naverBoardList(String menu, Map<String, String> q) {
        if (!NAVER_BOARDS.containsKey(menu)) {
            return Answer.notFound();
        }
        DemoPosts posts = list("naver-" + menu);
        int size = (int) Math.max(1, Math.min(parseLong(q.get("pageSize"), 20), 50));
        int page = (int) Math.max(1, Math.min(parseLong(q.get("page"), 1), 10_000));
        ObjectNode result = Json.object();
        ArrayNode list = result.putArray("articleList");
        for (DemoPosts.Post p : posts.page((page - 1) * size, size)) {
            Random r = new Random(p.seed());
            ObjectNode item = list.addObject().put("type", "ARTICLE").putObject("item");
            item.put("articleId", p.id()).put("menuId", Integer.parseInt(menu)).put("subject", escape(Texts.pick(r, Texts.TALK_TITLES)))
                    .put("writeDateTimestamp", p.at().toEpochMilli()).put("readCount", 10 + r.nextInt(500))
                    .put("likeCount", r.nextInt(20)).put("commentCount", comments(p));
            item.putObject("writerInfo").put("nickName", Texts.pick(r, Texts.NICKNAMES));
        }
        result.putObject("pageInfo").put("hasNext", (long) page * size < posts.all().size());
        return Answer.json(Json.object().set("result", result));
    }

    private Answer naverArticle(String cafe, long id) {
        DemoPosts.Post p = findAnywhere("naver-", id);
        if (p == null) {
            return Answer.notFound();
        }
        Random r = new Random(p.seed());
        String title = Texts.pick(r, Texts.TALK_TITLES);
        String nick = Texts.pick(r, Texts.NICKNAMES);
        ObjectNode result = Json.object();
        result.put("cafeId", Long.parseLong(cafe.length() > 18 ? "0" : cafe));
        result.put("articleId", id);
        ObjectNode article = result.putObject("article");
        article.put("id", id);
        article.put("subject", title);
        article.putObject("writer").put("id", "user" + (id % 1000)).put("nick", nick);
        article.put("writeDate", p.at().toEpochMilli());
        article.put("readCount", 10 + r.nextInt(500));
        article.put("commentCount", comments(p));
        article.put("contentHtml", "<div class=\"se-main-container\"><p class=\"se-text-paragraph\"><span>"
                + escape(Texts.question(r)) + "</span></p><p class=\"se-text-paragraph\"><span>"
                + escape(Texts.pick(r, Texts.DETAILS)) + "</span></p></div>");
        article.put("isNotice", false);
        ArrayNode items = result.putObject("comments").putArray("items");
        Random cr = new Random(p.seed() + 7);
        for (int i = 0; i < comments(p); i++) {
            items.addObject().put("id", p.id() * 10 + i).put("refId", id)
                    .set("writer", Json.object().put("id", "c" + i).put("nick", Texts.pick(cr, Texts.NICKNAMES)));
            ((ObjectNode) items.get(i)).put("content", Texts.pick(cr, Texts.COMMENTS))
                    .put("updateDate", p.at().plusSeconds(600L * (i + 1)).toEpochMilli()).put("isDeleted", false)
                    .put("isArticleWriter", false);
        }
        return Answer.json(Json.object().set("result", result));
    }

    // ------------------------------------------------------------------ helpers

    /** Comments on a post: 0 to 3, fixed per post. */
    private static int comments(DemoPosts.Post p) {
        return (int) Math.floorMod(p.seed() >> 3, 4L);
    }

    private static String wall(Instant t) {
        return WALL.format(LocalDateTime.ofInstant(t, DemoPosts.SEOUL));
    }

    /** Babitalk memos print "20분전", "17시간전", "3일전", and a date for older posts. */
    private String relative(Instant t) {
        Duration age = Duration.between(t, clock.instant());
        if (age.isNegative() || age.toMinutes() < 1) {
            return "방금전";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + "분전";
        }
        if (age.toDays() < 1) {
            return age.toHours() + "시간전";
        }
        if (age.toDays() < 7) {
            return age.toDays() + "일전";
        }
        return DOTTED.format(LocalDateTime.ofInstant(t, DemoPosts.SEOUL));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static long parseLong(String s, long dflt) {
        try {
            return s == null || s.isBlank() ? dflt : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                q.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // ignored, as the real sites ignore what they do not understand
            }
        }
        return q;
    }
}
