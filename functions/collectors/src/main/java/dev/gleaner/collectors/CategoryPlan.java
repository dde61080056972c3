package dev.gleaner.collectors;

import java.util.Objects;

/**
 * One category to collect.
 *
 * @param key the category id ({@code reviews}, {@code hospital_question}, ...) or, on Naver, the menu id
 * @param name what users see: the Korean category name, or the Naver board name
 */
public record CategoryPlan(String key, String name) {
    public CategoryPlan {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
    }
}
