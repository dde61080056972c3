package dev.gleaner.core.task;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The three collection sources, with their categories and the names users see. */
public enum Platform {
    BABITALK("babitalk", "바비톡", "babitalk_collect", categories(
            "reviews", "시술후기",
            "talks", "자유톡",
            "event_ask_memos", "발품후기")),
    GANGNAMUNNI("gangnamunni", "강남언니", "gangnamunni_collect", categories(
            "hospital_question", "병원질문",
            "surgery_question", "시술/수술질문",
            "free_chat", "자유수다",
            "review", "발품후기",
            "ask_doctor", "의사에게 물어보세요")),
    /** Naver categories are the cafe's boards, found at run time. */
    NAVER("naver", "네이버 카페", "naver_collect", Map.of());

    private final String id;
    private final String displayName;
    private final String taskType;
    private final Map<String, String> categoryNames;

    Platform(String id, String displayName, String taskType, Map<String, String> categoryNames) {
        this.id = id;
        this.displayName = displayName;
        this.taskType = taskType;
        this.categoryNames = categoryNames;
    }

    private static Map<String, String> categories(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String taskType() {
        return taskType;
    }

    /** Category ids in their canonical order (empty for Naver). */
    public List<String> categories() {
        return List.copyOf(categoryNames.keySet());
    }

    /** The Korean name of a category, or the id itself (Naver boards carry their own names). */
    public String categoryName(String category) {
        return categoryNames.getOrDefault(category, category);
    }

    public static Optional<Platform> fromId(String id) {
        for (Platform p : values()) {
            if (p.id.equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Optional<Platform> fromTaskType(String type) {
        for (Platform p : values()) {
            if (p.taskType.equals(type)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
