package dev.gleaner.bench.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The baseline of the cold-start benchmark: the least a function can do for {@code GET /task/{id}},
 * the same single SDK call as GetTaskHandler (a consistent GetItem of the task by id, same HTTP
 * client, region and credentials from the environment) and a fixed answer, no JSON library. It runs
 * from the API function's jar (the same SDK classes). Its priming makes that one call.
 */
public final class MinimalGetItemHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {
    static final String PRIMING_ID = "00000000-0000-4000-8000-000000000000";

    private final DynamoDbClient ddb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.builder().build())
            .region(Region.of(System.getenv("AWS_REGION"))).build();
    private final String table = System.getenv("TASKS_TABLE");

    public MinimalGetItemHandler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return answer(get(event.getPathParameters().get("task_id")));
    }

    private GetItemResponse get(String id) {
        return ddb.getItem(GetItemRequest.builder().tableName(table).key(Map.of("id", AttributeValue.fromS(id)))
                .consistentRead(true).build());
    }

    private static APIGatewayProxyResponseEvent answer(GetItemResponse r) {
        return new APIGatewayProxyResponseEvent().withStatusCode(r.hasItem() ? 200 : 404)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(r.hasItem() ? "{\"found\": true}" : "{\"error\": \"not found\"}");
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        get(PRIMING_ID);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to reopen
    }
}
