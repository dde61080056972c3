package dev.gleaner.core.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The contract's {@code result_summary} and final status from the categories' states: completed
 * when at least one category succeeded (failed ones carry their error and are named in
 * {@code error}), failed when none did.
 */
public record ResultSummary(ObjectNode json, boolean anySucceeded, String error) {

    /** From the categories' stored states ({@link TaskFinisher#allCategoryStates}), in their stored order. */
    public static ResultSummary ofStored(Platform platform, Map<String, Map<String, Object>> stored) {
        List<CategoryState> states = new ArrayList<>();
        stored.forEach((key, state) -> states.add(CategoryState.fromMap(key, state)));
        return of(platform, states);
    }

    public static ResultSummary of(Platform platform, Collection<CategoryState> states) {
        ObjectNode root = Json.object();
        ObjectNode categories = root.putObject("categories");
        int collected = 0;
        int fresh = 0;
        int comments = 0;
        int reviews = 0;
        List<String> failures = new ArrayList<>();
        boolean anySucceeded = false;
        for (CategoryState s : states) {
            // Naver categories are boards: users know them by name, as the records' category says.
            String label = platform == Platform.NAVER ? s.name() : s.key();
            ObjectNode c = categories.putObject(label);
            c.put("collected", s.collected()).put("new", s.fresh()).put("pages", s.pages());
            if (CategoryState.FAILED.equals(s.status())) {
                c.put("error", s.error());
                failures.add(label + " (" + s.error() + ")");
            } else {
                c.putNull("error");
                anySucceeded = true;
            }
            collected += s.collected();
            fresh += s.fresh();
            comments += s.comments();
            reviews += s.reviews();
        }
        root.putObject("totals").put("collected", collected).put("new", fresh).put("comments", comments)
                .put("reviews", reviews);
        String error = failures.isEmpty() ? null : "failed categories: " + String.join("; ", failures);
        return new ResultSummary(root, anySucceeded || states.isEmpty(), error);
    }
}
