package dev.gleaner.core.task;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated start request, without its secrets (see {@link Secrets}). This is what the task
 * stores and what the workflow reads; it is safe to log and to return.
 *
 * @param categories the requested categories (for Naver: empty, the boards are found at run time)
 * @param menuIds Naver board ids; empty means every article board of the cafe
 * @param limit the most items per category; 0 means no limit
 */
public record CollectionRequest(
        Platform platform,
        LocalDate targetDate,
        LocalDate endDate,
        List<String> categories,
        int limit,
        boolean saveAsReviews,
        String cafeId,
        List<String> menuIds,
        int perPage,
        String callbackUrl) {

    public CollectionRequest {
        categories = categories == null ? List.of() : List.copyOf(categories);
        menuIds = menuIds == null ? List.of() : List.copyOf(menuIds);
        if (endDate == null) {
            endDate = targetDate;
        }
    }

    /**
     * The parameters as the task shows them ({@code request}), defaults filled in, the platform's
     * fields only; secrets are not part of this object at all.
     */
    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (platform == Platform.NAVER) {
            m.put("cafe_id", cafeId);
            m.put("menu_id", String.join(",", menuIds));
            m.put("per_page", perPage);
        }
        m.put("target_date", targetDate == null ? null : targetDate.toString());
        m.put("end_date", endDate == null ? null : endDate.toString());
        if (platform != Platform.NAVER) {
            m.put("categories", categories);
        }
        m.put("limit", limit);
        if (platform == Platform.GANGNAMUNNI) {
            m.put("save_as_reviews", saveAsReviews);
        }
        m.put("callback_url", callbackUrl);
        return m;
    }

    /** The task's initial {@code total}: limit × categories when a limit is set, else 0 (grown as posts arrive). */
    public int initialTotal() {
        if (limit <= 0) {
            return 0;
        }
        int n = platform == Platform.NAVER ? Math.max(1, menuIds.size()) : categories.size();
        return limit * n;
    }
}
