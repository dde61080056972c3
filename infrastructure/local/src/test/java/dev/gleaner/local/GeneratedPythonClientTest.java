package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's promise: a client generated from /openapi.json works. The build generates the
 * Python client (openapi-generator 7.25.0, infrastructure/local/pom.xml) from the same document the
 * runner serves; src/test/python/client_check.py drives a collection through it with python3
 * (pydantic 2, urllib3 2 and python-dateutil come with the machine image; a missing one fails here).
 */
class GeneratedPythonClientTest {
    private static final Path CLIENT = Path.of("target/generated-clients/python");
    private static final Path SCRIPT = Path.of("src/test/python/client_check.py");
    private static LocalRunner runner;

    @BeforeAll
    static void start() throws Exception {
        ScriptedCollector babitalk = new ScriptedCollector(Platform.BABITALK);
        babitalk.millisPerBatch = 20;
        runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null), new LocalRunner.Overrides(p -> babitalk, null));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @Test
    void theGeneratedPythonClientCollectsFollowsAndReads() throws Exception {
        assertTrue(Files.isDirectory(CLIENT.resolve("gleaner_client")), "the build generates " + CLIENT);
        ProcessBuilder pb = new ProcessBuilder("python3", SCRIPT.toString(), runner.baseUrl());
        pb.environment().put("PYTHONPATH", CLIENT.toAbsolutePath().toString());
        Path out = Files.createTempFile("client-check", ".out");
        Path err = Files.createTempFile("client-check", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("python3 must be on PATH to check the generated client", e);
        }
        // A bound, not a pause: the script returns as soon as the collection has finished.
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(ended, "client_check.py did not finish in 120 s: " + stderr);
        assertEquals(0, p.exitValue(), "client_check.py failed:\n" + stderr);
        JsonNode seen = Json.parse(Files.readString(out, StandardCharsets.UTF_8));
        assertEquals("completed", seen.get("status").asText(), seen.toString());
        assertEquals(15, seen.get("progress").asInt(), "3 batches of 5 posts, as the scripted source gives");
        assertEquals(15, seen.get("items").asInt());
        assertEquals("babitalk", seen.get("first_item_platform").asText());
        assertTrue(seen.get("listed").asBoolean(), "the task is among the completed ones");
        assertTrue(seen.get("completed_count").asInt() >= 1);
        assertEquals(400, seen.get("bad_request_status").asInt());
        assertEquals("target_date", seen.get("bad_request_field").asText());
        assertEquals(404, seen.get("missing_status").asInt());
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }
}
