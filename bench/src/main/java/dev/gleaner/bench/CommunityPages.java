package dev.gleaner.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Generated Gangnam Unni community search pages in the documented shape (shared/sources.md:
 * {@code GET /api/solar/search/document?start=&length=20&sort=createTime&categoryIds=}, {@code
 * reason}, {@code data[]} with {@code createTime} in epoch ms): per category, {@code perCategory}
 * posts written on 2025-01-15 (Asia/Seoul) one second apart, newest first, then one post of the day
 * before that ends the list. No post has comments, so no post page is read.
 */
final class CommunityPages {
    static final String PATH = "/api/solar/search/document";
    static final String TARGET_DATE = "2025-01-15";
    static final int PAGE_SIZE = 20;
    /** The collector's category ids (sources.md). */
    static final Map<String, Integer> CATEGORY_IDS = Map.of("hospital_question", 11, "surgery_question", 2,
            "free_chat", 1, "review", 5, "ask_doctor", 13);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    final List<String> categories;
    final int perCategory;
    /** Every page body by "categoryId/start", in the order a client reads them per category. */
    final Map<String, byte[]> pages = new LinkedHashMap<>();
    final Map<String, Integer> pagesPerCategory = new HashMap<>();

    CommunityPages(long firstId, List<String> categories, int perCategory) {
        if (perCategory < 1 || perCategory > 50_000) {
            throw new IllegalArgumentException("perCategory must be 1..50000 (one day, a second apart)");
        }
        this.categories = List.copyOf(categories);
        this.perCategory = perCategory;
        long id = firstId;
        long newest = LocalDateTime.of(2025, 1, 15, 23, 59, 59).atZone(SEOUL).toInstant().toEpochMilli();
        for (String category : categories) {
            Integer categoryId = CATEGORY_IDS.get(category);
            if (categoryId == null) {
                throw new IllegalArgumentException("unknown Gangnam Unni category " + category);
            }
            int total = perCategory + 1; // the last one is from the day before
            int page = 0;
            for (int n = 0; n < total; page++) {
                ObjectNode body = Json.object().put("reason", "SUCCESS");
                ArrayNode data = body.putArray("data");
                for (int i = 0; i < PAGE_SIZE && n < total; i++, n++, id--) {
                    long createTime = n < perCategory ? newest - n * 1000L : newest - 86_400_000L - n * 1000L;
                    ObjectNode p = data.addObject();
                    p.put("id", id);
                    p.put("categoryId", categoryId);
                    p.put("writerId", 880_000 + id % 1000);
                    p.put("writerNickName", "작성자" + (id % 97));
                    p.put("writerLevel", 3);
                    p.put("hasThumbUp", false);
                    p.put("commentCount", 0);
                    p.put("thumbUpCount", id % 13);
                    p.put("viewCount", 100 + id % 400);
                    p.put("createTime", createTime);
                    p.put("edited", false);
                    p.put("contents", "생성된 글 " + id + ": 코 재수술 상담 다녀왔어요. 붓기는 2주면 빠진대요.");
                    p.putArray("photos").add("https://images.gangnamunni.com/community/" + id + "/1.jpg");
                    p.put("lang", "ko");
                }
                pages.put(key(categoryId, page * PAGE_SIZE), Json.write(body).getBytes(StandardCharsets.UTF_8));
            }
            pagesPerCategory.put(category, page);
        }
    }

    static String key(int categoryId, long start) {
        return categoryId + "/" + start;
    }

    /** The page for these query parameters, or null. */
    byte[] page(Map<String, String> query) {
        try {
            return pages.get(key(Integer.parseInt(query.getOrDefault("categoryIds", "")),
                    Long.parseLong(query.getOrDefault("start", ""))));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The request URIs (path and query) a collector sends for one category, in order. */
    List<String> uris(String category) {
        int categoryId = CATEGORY_IDS.get(category);
        int n = pagesPerCategory.get(category);
        return IntStream.range(0, n).mapToObj(p -> PATH + "?start=" + p * PAGE_SIZE + "&length="
                + PAGE_SIZE + "&sort=createTime&categoryIds=" + categoryId).toList();
    }

    long bytes() {
        return pages.values().stream().mapToLong(p -> p.length).sum();
    }
}
