package dev.gleaner.local.sources;

import static dev.gleaner.local.sources.ApiClient.BASE;
import static dev.gleaner.local.sources.SourceFixtures.CAFE;
import static dev.gleaner.local.sources.SourceFixtures.GU_LIST;
import static dev.gleaner.local.sources.SourceFixtures.GU_REVIEWS_API;
import static dev.gleaner.local.sources.SourceFixtures.TARGET_DATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.asl.Execution;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.local.LocalRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A Gangnam Unni token and Naver cookies go to the sources as headers and nowhere else: not into
 * a log line (structured log, stdout, stderr), an API response, a workflow execution's input or
 * history, or a stored record, also when a source echoes them back in an error or a note.
 */
class SecretsNeverLeakEndToEndTest {
    private static final String TOKEN = "gu-tok-SECRET-e2e-3b8f0c";
    private static final String AUT = "aut-SECRET-e2e-77d1";
    private static final String SES = "ses-SECRET-e2e-a4c2";
    private static final String COOKIES = "NID_AUT=" + AUT + "; NID_SES=" + SES;
    private static final String EXPIRED_CAFE = "20000003";
    private static final List<String> SECRETS = List.of(TOKEN, AUT, SES, COOKIES);

    private static final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private static PrintStream originalOut;
    private static PrintStream originalErr;
    private static RunnerOnFixtures env;

    @BeforeAll
    static void start() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        // Everything still reaches the console; a copy is kept to be searched.
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
        StructuredLog.redirect(System.err);

        env = RunnerOnFixtures.start(sources -> {
            SourceFixtures.gangnamunni(sources);
            SourceFixtures.naver(sources);
            // A source that echoes the token in its refusal, and one that quotes a cookie value in a reason.
            sources.on("GET", GU_LIST).query("categoryIds", 1).reply(200, "{\"reason\":\"BAD_TOKEN " + TOKEN + "\",\"data\":[]}");
            sources.on("GET", "/gw/v3/cafes/" + CAFE + "/articles/239640")
                    .reply(200, "{\"result\":{\"errorCode\":\"0002\",\"reason\":\"세션 " + AUT + " 의 글 아님\"}}");
            sources.on("GET", "/gw/v3/cafes/" + EXPIRED_CAFE + "/menus").fixture(401, "naver/article-401.json");
        });
    }

    @AfterAll
    static void stop() {
        StructuredLog.redirect(originalErr);
        System.setOut(originalOut);
        System.setErr(originalErr);
        RunnerOnFixtures.close(env);
    }

    @Test
    void secretsReachTheSourcesAndNothingElse() throws Exception {
        List<String> ids = new ArrayList<>();
        ids.add(env.api.start("gangnamunni", "{\"target_date\": \"" + TARGET_DATE + "\", \"categories\": [\"review\", \"free_chat\"],"
                + " \"save_as_reviews\": true, \"token\": \"" + TOKEN + "\"}"));
        ids.add(env.api.start("naver", "{\"cafe_id\": \"" + CAFE + "\", \"target_date\": \"" + TARGET_DATE + "\", \"menu_id\": \"38\","
                + " \"naver_cookies\": \"" + COOKIES + "\"}"));
        ids.add(env.api.start("naver", "{\"cafe_id\": \"" + EXPIRED_CAFE + "\", \"target_date\": \"" + TARGET_DATE + "\","
                + " \"naver_cookies\": \"" + COOKIES + "\"}"));
        List<JsonNode> finals = new ArrayList<>();
        for (String id : ids) {
            List<JsonNode> states = env.api.pollUntilFinished(id);
            finals.add(states.get(states.size() - 1));
        }
        // what happened, so that the searches below search something
        assertEquals("completed", finals.get(0).get("status").asText(), finals.get(0).toString());
        assertTrue(finals.get(0).get("error").asText().contains("BAD_TOKEN ***"), finals.get(0).get("error").asText());
        assertEquals("completed", finals.get(1).get("status").asText(), finals.get(1).toString());
        assertEquals("failed", finals.get(2).get("status").asText(), finals.get(2).toString());
        assertEquals(TOKEN, env.sources.requests(GU_REVIEWS_API).get(0).header("Authorization"));
        assertTrue(env.sources.requests().stream().anyMatch(r -> ("token=" + TOKEN).equals(r.header("Cookie"))));
        assertTrue(env.sources.requests().stream().filter(r -> r.path().contains("/cafes/"))
                .allMatch(r -> COOKIES.equals(r.header("Cookie"))), "every Naver call carried the cookies");

        // every route a client can read
        for (String id : ids) {
            env.api.task(id);
            env.api.items(id, 50);
            env.api.send("DELETE", BASE + "/task/" + id, null);
        }
        env.api.send("GET", BASE + "/tasks?limit=200", null);
        env.api.send("GET", BASE + "/status/summary", null);
        env.api.records("gangnamunni", "review", TARGET_DATE);
        env.api.records("naver", "자유&수다", null);
        List<String> responses;
        synchronized (env.api.seen) {
            responses = List.copyOf(env.api.seen);
        }
        assertTrue(responses.size() > 20);
        assertClean("an API response", responses);

        // the workflow: each execution's input and every event of its history
        for (String id : ids) {
            Execution e = env.runner.workflow().executor().find(id).orElseThrow();
            assertEquals(Json.object().put("task_id", id), e.input(), "the input is the task id only");
            assertTrue(e.history().size() > 5);
            List<String> events = e.history().stream()
                    .map(h -> h.type() + " " + h.stateName() + " " + h.details()).toList();
            assertClean("the execution history of " + id, events);
        }

        // every stored record, whatever its attribute
        List<Map<String, AttributeValue>> records = Checks.recordsTable(env.runner);
        assertTrue(records.size() >= 5, "records were stored: " + records.size());
        assertClean("a stored record", records.stream().map(Object::toString).toList());
        // finished tasks do not keep the secrets either
        List<String> tasks = new ArrayList<>();
        env.runner.dynamo().client().scanPaginator(ScanRequest.builder().tableName(LocalRunner.TASKS_TABLE).build())
                .items().forEach(i -> tasks.add(i.toString()));
        assertEquals(ids.size(), tasks.size());
        assertClean("a finished task item", tasks);

        // every line logged meanwhile
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("source failed for category free_chat"), "the capture saw the workflow's log lines");
        assertClean("a log line", logs.lines().toList());
    }

    private static void assertClean(String where, List<String> texts) {
        for (String text : texts) {
            for (String secret : SECRETS) {
                assertFalse(text.contains(secret), "a secret leaked into " + where + ": " + text);
            }
        }
    }

    /** Writes to the original stream and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            synchronized (captured) {
                captured.write(b);
            }
            try {
                original.write(b);
            } catch (IOException ignored) {
                // the console is best effort
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (captured) {
                captured.write(b, off, len);
            }
            try {
                original.write(b, off, len);
            } catch (IOException ignored) {
                // the console is best effort
            }
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
