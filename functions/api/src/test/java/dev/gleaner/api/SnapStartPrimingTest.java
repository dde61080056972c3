package dev.gleaner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.api.collections.CancelTaskHandler;
import dev.gleaner.api.collections.GetTaskHandler;
import dev.gleaner.api.collections.ListTasksHandler;
import dev.gleaner.api.collections.StartCollectionHandler;
import dev.gleaner.api.collections.StatusSummaryHandler;
import dev.gleaner.api.http.ApiHandler;
import dev.gleaner.api.records.RecordsHandler;
import dev.gleaner.api.records.TaskItemsHandler;
import dev.gleaner.api.scrape.ScrapeResultHandler;
import dev.gleaner.api.scrape.ScrapeStatusHandler;
import dev.gleaner.api.scrape.SubmitScrapeHandler;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * SnapStart priming runs each API function's own path before the snapshot: it must answer (no 5xx),
 * touch DynamoDB only to read, start no workflow and send no message.
 */
class SnapStartPrimingTest {
    private final TestApi api = new TestApi();

    @Test
    void everyRoutePrimesItsOwnPathWithoutWriting() throws Exception {
        for (Routes.Route route : Routes.ALL) {
            ApiHandler handler = (ApiHandler) route.handler().getConstructor(ApiContext.class).newInstance(api.context);
            List<APIGatewayProxyResponseEvent> answers = handler.prime();
            assertFalse(answers.isEmpty(), route.function());
            for (APIGatewayProxyResponseEvent a : answers) {
                assertTrue(a.getStatusCode() < 500, route.function() + " primed with " + a.getStatusCode() + ": " + a.getBody());
                assertTrue(a.getBody().startsWith("{"), route.function() + ": " + a.getBody());
            }
        }
        for (String table : List.of(api.tables.tasks(), api.tables.semaphore(), api.tables.records(), api.tables.scrape())) {
            assertEquals(0, api.tables.client().scan(ScanRequest.builder().tableName(table).build()).count(),
                    "priming wrote into " + table);
        }
        assertTrue(api.launcher.started.isEmpty(), "priming started a workflow");
        assertTrue(api.launcher.stopped.isEmpty(), "priming stopped a workflow");
        assertTrue(api.queue.sent.isEmpty(), "priming sent a scrape message");
    }

    @Test
    void theRoutesOfOneTaskAlsoReadTheNewestTaskAndChangeNothing() throws Exception {
        TestApi.Response started = api.call("POST", Endpoints.COLLECTIONS + "/babitalk/start",
                "{\"categories\": [\"reviews\"], \"limit\": 24}");
        assertEquals(202, started.status(), started.toString());
        String id = started.json().path("task_id").asText();
        var before = api.tables.client().scan(ScanRequest.builder().tableName(api.tables.tasks()).build()).items();
        for (Class<?> h : List.of(GetTaskHandler.class,
                TaskItemsHandler.class)) {
            ApiHandler handler = (ApiHandler) h.getConstructor(ApiContext.class).newInstance(api.context);
            List<APIGatewayProxyResponseEvent> answers = handler.prime();
            assertEquals(404, answers.get(0).getStatusCode(), h.getSimpleName());
            APIGatewayProxyResponseEvent real = answers.get(answers.size() - 1);
            assertEquals(200, real.getStatusCode(), h.getSimpleName() + ": " + real.getBody());
            if (h == GetTaskHandler.class) {
                assertTrue(real.getBody().contains(id), real.getBody());
            }
        }
        assertEquals(before, api.tables.client().scan(ScanRequest.builder().tableName(api.tables.tasks()).build()).items(),
                "priming changed the tasks table");
        assertEquals(1, api.launcher.started.size(), "only the start of this test started a workflow");
    }

    @Test
    void theReadingRoutesPrimeThroughDynamoDb() throws Exception {
        // A task id that does not exist: the read happened and found nothing (404), rather than a 400
        // that would stop before the SDK.
        for (Class<?> h : List.of(GetTaskHandler.class,
                CancelTaskHandler.class, TaskItemsHandler.class,
                ScrapeStatusHandler.class, ScrapeResultHandler.class)) {
            ApiHandler handler = (ApiHandler) h.getConstructor(ApiContext.class).newInstance(api.context);
            assertEquals(404, handler.prime().get(0).getStatusCode(), h.getSimpleName());
        }
        for (Class<?> h : List.of(ListTasksHandler.class,
                StatusSummaryHandler.class, RecordsHandler.class)) {
            ApiHandler handler = (ApiHandler) h.getConstructor(ApiContext.class).newInstance(api.context);
            assertEquals(200, handler.prime().get(0).getStatusCode(), h.getSimpleName());
        }
        for (Class<?> h : List.of(StartCollectionHandler.class,
                SubmitScrapeHandler.class)) {
            ApiHandler handler = (ApiHandler) h.getConstructor(ApiContext.class).newInstance(api.context);
            assertEquals(400, handler.prime().get(0).getStatusCode(), h.getSimpleName());
        }
    }
}
