package dev.gleaner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.api.schedule.ScheduledStartHandler;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CollectionTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduledStartHandlerTest {
    private final TestApi t = new TestApi();
    private final ScheduledStartHandler handler = new ScheduledStartHandler(t.context, name -> "secret-of-" + name);

    @Test
    void startsThroughTheSameServiceWithYesterdayAsTheDefaultDate() throws Exception {
        String id = handler.handle(Json.parse("{\"platform\": \"babitalk\", \"request\": {\"categories\": [\"reviews\"]}}"))
                .get("task_id").asText();
        CollectionTask task = t.store.get(id).orElseThrow();
        assertEquals("2099-01-01", task.request().targetDate().toString());
        assertEquals(List.of(id), t.launcher.started);
    }

    @Test
    void secretsInTheScheduleInputAreIgnored() throws Exception {
        String id = handler.handle(Json.parse("{\"platform\": \"gangnamunni\", \"request\": {\"token\": \"from-input\"}}"))
                .get("task_id").asText();
        assertEquals(null, t.store.secrets(id).gangnamunniToken(), "no parameter configured here, and the input's is dropped");
    }

    @Test
    void aBadScheduleInputFailsWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> handler.handle(Json.parse("{\"platform\": \"naver\", \"request\": {}}")));
        assertTrue(e.getMessage().contains("cafe_id"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> handler.handle(Json.parse("{\"platform\": \"x\"}")));
    }
}
