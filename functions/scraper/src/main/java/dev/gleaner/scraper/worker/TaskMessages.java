package dev.gleaner.scraper.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.StructuredLog;
import java.util.Map;
import java.util.Optional;

/** Reads the task id from a scrape message ({@code {"task_id": ...}}). */
final class TaskMessages {
    private TaskMessages() {}

    /**
     * The task id, or empty for a message no retry can fix (not JSON, no task id): it is logged and
     * then deleted, rather than cycling through the dead-letter queue forever.
     */
    static Optional<String> taskId(SQSEvent.SQSMessage message) {
        try {
            String id = Json.parse(message.getBody()).path("task_id").asText(null);
            if (id != null && !id.isBlank()) {
                return Optional.of(id);
            }
        } catch (Exception notJson) {
            // fall through: dropped below
        }
        StructuredLog.info("dropping a message without a task_id", null,
                Map.of("message_id", String.valueOf(message.getMessageId())));
        return Optional.empty();
    }
}
