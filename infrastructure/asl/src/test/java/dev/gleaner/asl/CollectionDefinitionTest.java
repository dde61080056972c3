package dev.gleaner.asl;

import static dev.gleaner.asl.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The project's real definition (infrastructure/statemachine/collection.asl.json) must parse
 * with nothing refused, and a long collection must stay well under the history limit.
 */
class CollectionDefinitionTest {
    private static final Path DEFINITION = Path.of("..", "statemachine", "collection.asl.json");

    private static String definition() throws IOException {
        assumeTrue(Files.exists(DEFINITION), "no " + DEFINITION + " in this checkout");
        return Files.readString(DEFINITION, StandardCharsets.UTF_8);
    }

    /** Every ${Name} of the file mapped to a fake Lambda ARN named after it. */
    private static Map<String, String> substitutions(String text) {
        Map<String, String> subs = new HashMap<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(text);
        while (m.find()) {
            subs.put(m.group(1), "arn:aws:lambda:local:000000000000:function:" + m.group(1));
        }
        return subs;
    }

    @Test
    void parsesWithEverySubstitutionResolved() throws IOException {
        String text = definition();
        Map<String, String> subs = substitutions(text);
        StateMachine sm = StateMachine.parse(text, subs);
        assertTrue(subs.values().containsAll(sm.taskResources()), sm.taskResources().toString());
        assertTrue(!sm.definition().toString().contains("${"));
    }

    /**
     * Drives the definition with an invoker that answers every step with the union of what the
     * steps read: a slot, a running task with five categories, and batches that report more
     * pages 140 times per category (a category at the 10,000-post limit).
     */
    @Test
    void aLongCollectionStaysWellUnderTheHistoryLimit() throws Exception {
        String text = definition();
        StateMachine sm = StateMachine.parse(text, substitutions(text));
        Map<String, AtomicInteger> batches = new ConcurrentHashMap<>();
        TaskInvoker invoker = (resource, input) -> {
            ObjectNode out = input.isObject() ? ((ObjectNode) input).deepCopy() : json("{}").deepCopy();
            out.put("acquired", true);
            out.put("running", true);
            out.set("categories", json("[{\"key\":\"a\",\"name\":\"A\"},{\"key\":\"b\",\"name\":\"B\"},"
                    + "{\"key\":\"c\",\"name\":\"C\"},{\"key\":\"d\",\"name\":\"D\"},{\"key\":\"e\",\"name\":\"E\"}]"));
            JsonNode category = input.get("category");
            int done = category == null ? 0
                    : batches.computeIfAbsent(category.asText(), k -> new AtomicInteger()).incrementAndGet();
            out.put("has_more", category != null && done < 140);
            out.put("wait_seconds", 0);
            return out;
        };
        try (Executor executor = new Executor(sm, invoker, ExecutorOptions.immediate(5))) {
            Execution e = executor.start("long-collection", json("{\"task_id\":\"t-1\"}"));
            assertEquals(ExecutionStatus.SUCCEEDED, e.await(Asl.AWAIT), () -> e.error() + " " + e.cause());
            assertTrue(e.historySize() < Executor.HISTORY_EVENT_LIMIT / 4,
                    "history events: " + e.historySize());
        }
        assertEquals(5, batches.size());
        batches.values().forEach(n -> assertEquals(140, n.get()));
    }
}
