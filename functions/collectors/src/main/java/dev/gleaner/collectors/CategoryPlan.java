package dev.gleaner.collectors;

import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One category to collect.
 *
 * @param key the category id ({@code reviews}, {@code hospital_question}, ...) or, on Naver, the menu id
 * @param name what users see: the Korean category name, or the Naver board name
 */
public record CategoryPlan(String key, String name) {
    /** Checks that a category is one this source can collect (throws when it is not). */
    @FunctionalInterface
    public interface Check {
        void check(String key) throws SourceException;
    }

    /**
     * The plan of a source with a fixed category list (Babitalk, Gangnam Unni): the requested
     * categories (every one when none is named), each checked and named as users know it.
     */
    public static List<CategoryPlan> fixed(Platform platform,
            CollectionRequest request, Check check) throws SourceException {
        List<String> keys = request.categories().isEmpty() ? platform.categories() : request.categories();
        List<CategoryPlan> plans = new ArrayList<>();
        for (String k : keys) {
            check.check(k);
            plans.add(new CategoryPlan(k, platform.categoryName(k)));
        }
        return plans;
    }

    public CategoryPlan {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
    }
}
