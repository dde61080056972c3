package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.task.TaskStatus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With --data, a restart takes up what the previous process left: collections it was running or
 * that were waiting continue as the same tasks (new executions), the dead process's slots are freed,
 * and finished tasks stay as they were. (The kill -9 version, with real sources and a scrape, is
 * CrashRecoveryTest.)
 */
class RestartRecoveryTest {
    @TempDir
    Path data;

    @Test
    void unfinishedTasksContinueAsTheSameTasksAndNoSlotStaysHeld() throws Exception {
        ScrapedSlowly collector = new ScrapedSlowly();
        String running;
        String waiting;
        String finished;
        try (LocalRunner first = LocalRunner.start(new LocalOptions("127.0.0.1", 0, data),
                new LocalRunner.Overrides(p -> collector.scripted, null))) {
            finished = start(first);
            waitFor(() -> status(first, finished) == TaskStatus.COMPLETED);
            // What the process was doing when it died: one task running and holding a slot, one
            // waiting in the queue; their executions die with the process.
            var request = first.tasks().get(finished).orElseThrow().request();
            CollectionTask orphan = CollectionTask.pending(UUID.randomUUID().toString(), request, Instant.now());
            first.tasks().create(orphan, Secrets.NONE);
            first.tasks().markRunning(orphan.id(), null, Instant.now(), "수집 중...", "[00:00:00] 시작");
            assertTrue(first.slots().poll(orphan.id(), orphan.id(), Instant.now().plusSeconds(3600), true)
                    .orElseThrow().held());
            running = orphan.id();
            CollectionTask queued = CollectionTask.pending(UUID.randomUUID().toString(), request, Instant.now());
            first.tasks().create(queued, Secrets.NONE);
            waiting = queued.id();
        }
        assertTrue(Files.list(data).findAny().isPresent(), "the data was kept on disk");

        try (LocalRunner second = LocalRunner.start(new LocalOptions("127.0.0.1", 0, data),
                new LocalRunner.Overrides(p -> collector.scripted, null))) {
            assertEquals(2, second.recoveredTasks());
            waitFor(() -> status(second, running) == TaskStatus.COMPLETED && status(second, waiting) == TaskStatus.COMPLETED);
            CollectionTask t = second.tasks().get(running).orElseThrow();
            assertEquals(running + ".r1", t.execution(), "the same task, under a new execution");
            assertTrue(t.logs().stream().anyMatch(l -> l.contains("재시작")), t.logs().toString());
            waitFor(() -> second.slots().holderCount() == 0);
            assertTrue(second.slots().tickets().isEmpty(), "no ticket is left in the queue");
            assertEquals(TaskStatus.COMPLETED, status(second, finished), "finished tasks are kept as they were");
            assertEquals(finished, second.tasks().get(finished).orElseThrow().execution());
        }
    }

    private static String start(LocalRunner runner) throws Exception {
        var r = ContractHttp.send(HttpRequest.newBuilder(URI.create(runner.baseUrl()
                        + "/api/v1/async-collection/babitalk/start"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"categories\": [\"reviews\"]}")).build());
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
