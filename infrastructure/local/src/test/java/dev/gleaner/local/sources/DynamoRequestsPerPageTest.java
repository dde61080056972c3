package dev.gleaner.local.sources;

import dev.gleaner.local.Teardown;
import static dev.gleaner.local.sources.SourceFixtures.BABITALK_REVIEWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tables.CountingDynamo;
import dev.gleaner.aws.tables.TestTables;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.callback.CallbackSender;
import dev.gleaner.workflow.steps.CollectBatchHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 4's budget, counted: a page of 24 posts costs at most 3 DynamoDB requests (reading which
 * records exist, writing the new ones with the page's link, one progress update per call). Each
 * page is read and written on its own so that it can be stored while the next one is fetched. The real Babitalk collector reads
 * generated pages from a fixture server and the real CollectBatchHandler stores them in DynamoDB
 * Local through a client that records every request it sends.
 */
class DynamoRequestsPerPageTest {
    private static final int PAGES = 10;
    private static final int PER_PAGE = 24;

    private static FixtureServer sources;
    private static CountingDynamo dynamo;
    private static WorkflowContext ctx;
    private static DynamoTaskStore tasks;

    @BeforeAll
    static void start() {
        sources = FixtureServer.start();
        SourceFixtures.generatedReviews(sources, 700_000, PAGES, PER_PAGE, Duration.ZERO);
        dynamo = new CountingDynamo();
        DynamoDbClient ddb = dynamo.client;
        TestTables tables = TestTables.create(ddb);
        Clock clock = Clock.systemUTC();
        tasks = new DynamoTaskStore(ddb, tables.tasks(), clock);
        ctx = new WorkflowContext(tasks,
                new DynamoSemaphore(ddb, tables.semaphore(), 10, clock), new DynamoRecordStore(ddb, tables.records()),
                RealSources.at(sources), new CallbackSender(SafeHttpClient.shared(), () -> "unused"), clock);
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeAll(sources, dynamo == null ? null : dynamo.client);
    }

    /** One CollectBatch invocation: the list pages it read and the DynamoDB requests it sent, by name. */
    record Invocation(int pages, Map<String, Integer> requests, JsonNode output) {
        int total() {
            return requests.values().stream().mapToInt(Integer::intValue).sum();
        }

        int count(String operation) {
            return requests.getOrDefault(operation, 0);
        }
    }

    private static String runningTask() {
        CollectionRequest request = new CollectionRequest(Platform.BABITALK, LocalDate.parse(SourceFixtures.TARGET_DATE), null,
                List.of("reviews"), 0, false, null, List.of(), 0, null);
        CollectionTask task = CollectionTask.pending(UUID.randomUUID().toString(), request, ctx.clock().instant());
        tasks.create(task, Secrets.NONE);
        assertTrue(ctx.tasks().markRunning(task.id(), null, ctx.clock().instant(), "수집 준비 중...", "[00:00:00] 시작"));
        return task.id();
    }

    /** Calls the handler as the state machine's loop does, until the category is done. */
    private static List<Invocation> collect(String taskId) {
        CollectBatchHandler handler = new CollectBatchHandler();
        JsonNode input = Json.object().put("task_id", taskId).put("category", "reviews").put("name", "시술후기");
        List<Invocation> calls = new ArrayList<>();
        for (int i = 0; i < PAGES + 2; i++) {
            int pagesBefore = sources.requests(BABITALK_REVIEWS).size();
            dynamo.reset();
            JsonNode out = handler.handle(ctx, input);
            Map<String, Integer> byName = new TreeMap<>();
            dynamo.operations.forEach(op -> byName.merge(op, 1, Integer::sum));
            calls.add(new Invocation(sources.requests(BABITALK_REVIEWS).size() - pagesBefore, byName, out));
            if (!out.get("has_more").asBoolean()) {
                return calls;
            }
        }
        throw new AssertionError("the category did not finish: " + calls);
    }

    @Test
    void aPageOf24PostsCostsAtMostThreeRequests() {
        String first = runningTask();
        List<Invocation> calls = collect(first);
        int pages = calls.stream().mapToInt(Invocation::pages).sum();
        int requests = calls.stream().mapToInt(Invocation::total).sum();
        assertEquals(PAGES, pages, calls.toString());
        assertEquals(PAGES * PER_PAGE, ctx.tasks().get(first).orElseThrow().progress());
        assertTrue(requests <= 3 * pages, requests + " requests for " + pages + " pages: " + calls);
        for (Invocation c : calls) {
            assertTrue(c.pages() >= 1 && c.pages() <= CollectorOptions.MAX_PAGES_PER_CALL, c.toString());
            // The task read (cursor, status, secrets) is once per invocation, whatever it reads.
            assertEquals(1, c.count("GetItem"), c.toString());
            // Per page: which of its records exist (one BatchGetItem, read while the next page is
            // fetched), the new ones written (25 items a BatchWriteItem: the 24 posts and the page
            // link); per call: the progress.
            assertEquals(c.pages(), c.count("BatchGetItem"), c.toString());
            assertEquals((PER_PAGE * c.pages() + 1 + 24) / 25, c.count("BatchWriteItem"), c.toString());
            assertEquals(1, c.count("UpdateItem"), c.toString());
            assertEquals(4, c.requests().size(), "no other kind of request: " + c);
            assertTrue(c.count("BatchGetItem") + c.count("BatchWriteItem") + c.count("UpdateItem") <= 3 * c.pages(), c.toString());
        }

        // The same pages for another task: all 240 posts are found, only the page links are written.
        String second = runningTask();
        List<Invocation> again = collect(second);
        int againRequests = again.stream().mapToInt(Invocation::total).sum();
        assertTrue(againRequests <= 3 * PAGES, againRequests + " requests: " + again);
        again.forEach(c -> assertEquals(1, c.count("BatchWriteItem"), c.toString()));
        Map<String, Object> state = ctx.tasks().categoryState(second, "reviews");
        assertEquals(PAGES * PER_PAGE, ((Number) state.get("collected")).intValue());
        assertEquals(0, ((Number) state.get("new")).intValue(), "nothing new the second time");
        assertEquals(TaskStatus.RUNNING, ctx.tasks().get(second).orElseThrow().status());
        assertFalse(again.get(again.size() - 1).output().get("has_more").asBoolean());
    }
}
