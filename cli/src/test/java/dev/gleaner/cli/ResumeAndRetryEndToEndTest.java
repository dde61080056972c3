package dev.gleaner.cli;

import static dev.gleaner.cli.LocalApi.DATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code resume} and {@code --idempotency-key} against the shared local runner: a cancelled
 * collection resumed with {@code --wait} ends completed as the same task, and a start or scrape
 * sent again with its key answers the first task instead of starting a second one.
 */
class ResumeAndRetryEndToEndTest extends WithLocalApi {
    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String status(String id) {
        return json(api.run("status", id, "--json").out()).get("status").asText();
    }

    @Test
    void aCancelledCollectionResumedWithWaitCompletesAsTheSameTask() throws Exception {
        api.gate.close();
        LocalApi.Result started = api.run("collect", "babitalk", "--date", DATE, "--json");
        assertEquals(0, started.code(), started.toString());
        String id = json(started.out()).get("task_id").asText();
        CommandsEndToEndTest.waitFor("the task runs, held at the gate", () -> status(id).equals("running"));

        LocalApi.Result early = api.run("resume", id);
        assertEquals(5, early.code(), "a running task cannot be resumed: " + early);
        assertTrue(early.err().contains("HTTP 409"), early.err());

        assertEquals(0, api.run("cancel", id).code());
        assertEquals("cancelled", status(id));
        api.gate.open();

        LocalApi.Result resumed = api.run("resume", id, "--wait");
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.err().contains("Resumed task " + id), resumed.toString());
        assertTrue(resumed.out().startsWith("completed: Babitalk collection " + id + ", 7/7"), resumed.toString());
        JsonNode done = json(api.run("status", id, "--json").out());
        assertEquals("completed", done.get("status").asText());
        assertEquals(7, done.get("progress").asInt(), done.toString());
        assertTrue(done.get("logs").toString().contains("작업 재개"), "the log says it was resumed: " + done);

        LocalApi.Result again = api.run("resume", id);
        assertEquals(5, again.code(), "a completed task cannot be resumed: " + again);
        assertTrue(again.err().contains("HTTP 409") && again.err().contains("completed"), again.err());
        LocalApi.Result unknown = api.run("resume", UUID.randomUUID().toString());
        assertTrue(unknown.code() != 0 && unknown.err().contains("HTTP 404"), unknown.toString());
    }

    @Test
    void aStartSentAgainWithItsIdempotencyKeyAnswersTheFirstTask() {
        String key = "cli-e2e-" + UUID.randomUUID();
        LocalApi.Result first = api.run("collect", "babitalk", "--date", DATE, "--categories", "reviews",
                "--idempotency-key", key);
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().startsWith("Babitalk collection started: task "), first.out());
        String id = first.out().split("task ")[1].split("\\s")[0];

        LocalApi.Result replayed = api.run("collect", "babitalk", "--date", DATE, "--categories", "reviews",
                "--idempotency-key", key);
        assertEquals(0, replayed.code(), replayed.toString());
        assertTrue(replayed.out().startsWith("Babitalk collection already started with this idempotency key: task " + id),
                replayed.out());
        LocalApi.Result asJson = api.run("collect", "babitalk", "--date", DATE, "--categories", "reviews",
                "--idempotency-key", key, "--json");
        assertEquals(id, json(asJson.out()).get("task_id").asText(), asJson.toString());

        LocalApi.Result other = api.run("collect", "babitalk", "--date", DATE, "--categories", "talks",
                "--idempotency-key", key);
        assertEquals(5, other.code(), "the same key with another request: " + other);
        assertTrue(other.err().contains("HTTP 409") && other.err().contains(key), other.err());

        assertEquals(0, api.run("status", id, "--wait", "-q").code());
        long tasksWithThatRequest = json(api.run("tasks", "--platform", "babitalk", "--limit", "100", "--json").out())
                .get("tasks").findValuesAsText("id").stream().filter(id::equals).count();
        assertEquals(1, tasksWithThatRequest);
    }

    @Test
    void aScrapeSentAgainWithItsIdempotencyKeyAnswersTheFirstTask() {
        String key = "cli-e2e-" + UUID.randomUUID();
        String url = api.shop() + "/products/idempotent-" + UUID.randomUUID();
        LocalApi.Result first = api.run("scrape", url, "--force-refresh", "--idempotency-key", key, "--json");
        assertEquals(0, first.code(), first.toString());
        String id = json(first.out()).get("task_id").asText();
        LocalApi.Result again = api.run("scrape", url, "--force-refresh", "--idempotency-key", key, "--json");
        assertEquals(0, again.code(), again.toString());
        assertEquals(id, json(again.out()).get("task_id").asText(), "force_refresh would start a new scrape without the key");
        LocalApi.Result fresh = api.run("scrape", url, "--force-refresh", "--json");
        assertTrue(!id.equals(json(fresh.out()).get("task_id").asText()), "without the key it is a new scrape");
    }
}
