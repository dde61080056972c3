package dev.gleaner.core.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Task ids (collections and scrapes alike) are UUIDs; anything else in a path is a 400 on every route. */
public final class TaskIds {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private TaskIds() {}

    /** The id in lower case, or a 400 naming {@code task_id}. */
    public static String check(String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw DomainError.invalid("task_id", "task_id must be a UUID such as 550e8400-e29b-41d4-a716-446655440000");
        }
        return id.toLowerCase(Locale.ROOT);
    }

    /**
     * What a scrape queue message and a collection workflow's input carry: {@code {"task_id": ...}}
     * and nothing else, so secrets stay in the task store.
     */
    public static String message(String taskId) {
        return Json.write(Map.of("task_id", taskId));
    }

    /** The task id a {@link #message} carries; empty when the text is not JSON or has no task id. */
    public static Optional<String> fromMessage(String message) {
        try {
            String id = Json.parse(message).path("task_id").asText(null);
            return id == null || id.isBlank() ? Optional.empty() : Optional.of(id);
        } catch (JsonProcessingException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
