package dev.gleaner.core.task;

import java.time.LocalDate;
import java.util.List;

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

    /** The task's initial {@code total}: limit × categories when a limit is set, else 0 (grown as posts arrive). */
    public int initialTotal() {
        if (limit <= 0) {
            return 0;
        }
        int n = platform == Platform.NAVER ? Math.max(1, menuIds.size()) : categories.size();
        return limit * n;
    }
}
