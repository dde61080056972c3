package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --data, a restart finds the previous process's unfinished tasks: they end failed and free their slots. */
class RestartRecoveryTest {
    @TempDir
    Path data;

    @Test
    void unfinishedTasksAreFailedAndSlotsFreedOnRestart() throws Exception {
        ScrapedSlowly collector = new ScrapedSlowly();
        String running;
        String finished;
        try (LocalRunner first = LocalRunner.start(new LocalOptions("127.0.0.1", 0, data),
                new LocalRunner.Overrides(p -> collector.scripted, null))) {
            finished = start(first);
            waitFor(() -> status(first, finished) == TaskStatus.COMPLETED);
            // A task the process was running when it died: running, holding a slot, no execution left.
            CollectionTask orphan = CollectionTask.pending(java.util.UUID.randomUUID().toString(),
                    first.tasks().get(finished).orElseThrow().request(), java.time.Instant.now());
            first.tasks().create(orphan, dev.gleaner.core.task.Secrets.NONE);
            first.tasks().markRunning(orphan.id(), null, java.time.Instant.now(), "수집 중...", "[00:00:00] 시작");
            assertTrue(first.slots().poll(orphan.id(), orphan.id(), java.time.Instant.now().plusSeconds(3600), true).orElseThrow().held());
            running = orphan.id();
        }
        assertTrue(Files.list(data).findAny().isPresent(), "the data was kept on disk");

        try (LocalRunner second = LocalRunner.start(new LocalOptions("127.0.0.1", 0, data),
                new LocalRunner.Overrides(p -> collector.scripted, null))) {
            assertEquals(1, second.recoveredTasks());
            CollectionTask t = second.tasks().get(running).orElseThrow();
            assertEquals(TaskStatus.FAILED, t.status());
            assertTrue(t.error().contains("local runner stopped"), t.error());
            assertEquals(0, second.slots().holderCount(), "no slot is held forever");
            assertEquals(TaskStatus.COMPLETED, status(second, finished), "finished tasks are kept as they were");
        }
    }

    private static String start(LocalRunner runner) throws Exception {
        var r = ContractHttp.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(runner.baseUrl()
                        + "/api/v1/async-collection/babitalk/start"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"categories\": [\"reviews\"]}")).build());
        assertEquals(202, r.statusCode(), r.body());
        return Json.parse(r.body()).get("task_id").asText();
    }

    private static TaskStatus status(LocalRunner runner, String id) {
        return runner.tasks().get(id).map(CollectionTask::status).orElse(null);
    }

    private static void waitFor(CollectionWorkflowTest.Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("condition not reached in 30 s");
    }

    private static final class ScrapedSlowly {
        final ScriptedCollector scripted = new ScriptedCollector(Platform.BABITALK);

        ScrapedSlowly() {
            scripted.batchesPerCategory = 1;
        }
    }
}
