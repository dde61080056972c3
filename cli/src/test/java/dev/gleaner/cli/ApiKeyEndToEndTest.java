package dev.gleaner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.local.LocalOptions;
import dev.gleaner.local.LocalRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner that wants an API key (--api-key, checked like API Gateway's x-api-key) with its
 * built-in --demo sources: the command line reaches it with the key from a file or the
 * environment, and without one gets exit 5 with what to do.
 */
class ApiKeyEndToEndTest {
    private static final String KEY = "demo-key-3f9a61";
    private static LocalRunner runner;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null).withApiKey(KEY).withDemo(true));
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    private static LocalApi.Result run(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("GLEANER_API_URL", runner.baseUrl());
        return LocalApi.runWith(all, "", args);
    }

    @Test
    void theKeyFromAFileOrTheEnvironmentOpensTheApiAndNoKeyIsExitFive() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("api-key"), KEY + "\n");
        LocalApi.Result done = run(Map.of(), "collect", "babitalk", "--categories", "reviews", "--limit", "5", "--wait",
                "--api-key-file", keyFile.toString());
        assertEquals(0, done.code(), done.toString());
        assertTrue(done.out().startsWith("completed: Babitalk collection "), done.out());
        assertEquals(0, run(Map.of("GLEANER_API_KEY", KEY), "summary").code());

        LocalApi.Result refused = run(Map.of(), "tasks");
        assertEquals(5, refused.code(), refused.toString());
        assertTrue(refused.err().contains("HTTP 403") && refused.err().contains("GLEANER_API_KEY"), refused.err());
        LocalApi.Result wrong = run(Map.of("GLEANER_API_KEY", "not-the-key"), "tasks");
        assertEquals(5, wrong.code(), wrong.toString());
        assertFalse(wrong.toString().contains(KEY) || done.toString().contains(KEY), "the key is never printed");
    }
}
