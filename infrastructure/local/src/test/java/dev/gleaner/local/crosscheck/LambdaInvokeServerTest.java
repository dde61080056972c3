package dev.gleaner.local.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.asl.TaskFailure;
import dev.gleaner.asl.TaskInvoker;
import dev.gleaner.core.json.Json;
import dev.gleaner.local.lambda.LambdaInvokeServer;
import dev.gleaner.local.workflow.LocalLambdas;
import dev.gleaner.workflow.WorkflowContext;
import dev.gleaner.workflow.WorkflowFunctions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local Lambda Invoke endpoint answers as Lambda does, for the AWS SDKs that call it. */
class LambdaInvokeServerTest {
    private static final String ARN = "arn:aws:lambda:local:000000000000:function:gleaner-EchoFunction";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private LambdaInvokeServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private void serve(TaskInvoker invoker) throws Exception {
        Function<String, Optional<String>> resolve = name -> Optional.of(name).filter(ARN::equals);
        server = new LambdaInvokeServer("127.0.0.1", 0, resolve, (resource, input) -> {
            received.add(input);
            return invoker.invoke(resource, input);
        }).start();
    }

    private HttpResponse<String> invoke(String functionName, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + "/2015-03-31/functions/"
                + URLEncoder.encode(functionName, StandardCharsets.UTF_8) + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void returnsTheFunctionsOutput() throws Exception {
        serve((resource, input) -> Json.object().put("echo", input.path("task_id").asText()).put("resource", resource));
        HttpResponse<String> r = invoke(ARN, "{\"task_id\": \"t-1\"}", Map.of());
        assertEquals(200, r.statusCode());
        assertFalse(r.headers().firstValue("X-Amz-Function-Error").isPresent());
        assertEquals(Json.parse("{\"echo\": \"t-1\", \"resource\": \"" + ARN + "\"}"), Json.parse(r.body()));
        assertEquals(List.of(Json.parse("{\"task_id\": \"t-1\"}")), received);
    }

    @Test
    void aFunctionErrorIsA200WithTheRuntimesErrorPayload() throws Exception {
        serve((resource, input) -> {
            throw new TaskFailure("dev.gleaner.workflow.errors.SourceFailedError", LocalLambdas.lambdaCause(
                    new IllegalStateException("source said no")));
        });
        HttpResponse<String> r = invoke(ARN, "{}", Map.of());
        assertEquals(200, r.statusCode());
        assertEquals("Unhandled", r.headers().firstValue("X-Amz-Function-Error").orElseThrow());
        JsonNode body = Json.parse(r.body());
        assertEquals("dev.gleaner.workflow.errors.SourceFailedError", body.get("errorType").asText());
        assertEquals("source said no", body.get("errorMessage").asText());
        assertTrue(body.get("stackTrace").isArray() && body.get("stackTrace").size() > 0, body.toString());
    }

    @Test
    void aPlainTextCauseBecomesTheMessage() throws Exception {
        serve((resource, input) -> {
            throw new TaskFailure("Custom.Error", "plain words");
        });
        JsonNode body = Json.parse(invoke(ARN, "{}", Map.of()).body());
        assertEquals("Custom.Error", body.get("errorType").asText());
        assertEquals("plain words", body.get("errorMessage").asText());
        assertEquals(0, body.get("stackTrace").size());
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() throws Exception {
        serve((resource, input) -> Json.object());
        HttpResponse<String> r = invoke(ARN.replace("Echo", "Other"), "{}", Map.of());
        assertEquals(404, r.statusCode());
        assertEquals("ResourceNotFoundException", r.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertTrue(Json.parse(r.body()).get("message").asText().contains("gleaner-OtherFunction"));
        assertTrue(received.isEmpty());
    }

    @Test
    void aVersionQualifierIsNotFoundLocally() throws Exception {
        serve((resource, input) -> Json.object());
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/2015-03-31/functions/"
                + URLEncoder.encode(ARN, StandardCharsets.UTF_8) + "/invocations?Qualifier=3"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() throws Exception {
        serve((resource, input) -> Json.object());
        HttpResponse<String> r = invoke(ARN, "{not json", Map.of());
        assertEquals(400, r.statusCode());
        assertEquals("InvalidRequestContentException", r.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        assertTrue(received.isEmpty());
    }

    @Test
    void dryRunChecksOnlyAndEventRunsInTheBackground() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        serve((resource, input) -> {
            ran.countDown();
            return Json.object();
        });
        assertEquals(204, invoke(ARN, "{}", Map.of("X-Amz-Invocation-Type", "DryRun")).statusCode());
        assertTrue(received.isEmpty(), "a dry run invokes nothing");
        assertEquals(202, invoke(ARN, "{\"n\": 1}", Map.of("X-Amz-Invocation-Type", "Event")).statusCode());
        assertTrue(ran.await(10, TimeUnit.SECONDS), "the event invocation ran");
        assertEquals(400, invoke(ARN, "{}", Map.of("X-Amz-Invocation-Type", "Sometimes")).statusCode());
    }

    @Test
    void otherOperationsAndMethodsAreRefused() throws Exception {
        serve((resource, input) -> Json.object());
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/2015-03-31/functions/"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, list.statusCode());
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/2015-03-31/functions/"
                + URLEncoder.encode(ARN, StandardCharsets.UTF_8) + "/invocations")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertTrue(received.isEmpty());
    }

    @Test
    void theWorkflowsHandlersAreFoundByArnOrNameAndFailAsTheJavaRuntimeReports() throws Exception {
        // The handlers only touch the context once they have a task id: none is given here.
        LocalLambdas lambdas = new LocalLambdas(new WorkflowContext(null, null, null, null, null, null));
        Function<String, Optional<String>> resolve = LambdaInvokeServer.resolverFor(lambdas);
        String arn = WorkflowFunctions.ACQUIRE_SLOT.localArn();
        assertEquals(Optional.of(arn), resolve.apply(arn));
        assertEquals(Optional.of(arn), resolve.apply(arn + ":$LATEST"));
        assertEquals(Optional.of(arn), resolve.apply("gleaner-AcquireSlotFunction"));
        assertEquals(Optional.empty(), resolve.apply("gleaner-NoSuchFunction"));

        server = LambdaInvokeServer.forLambdas("127.0.0.1", 0, lambdas).start();
        HttpResponse<String> r = invoke(arn, "{}", Map.of());
        assertEquals(200, r.statusCode());
        assertEquals("Unhandled", r.headers().firstValue("X-Amz-Function-Error").orElseThrow());
        JsonNode body = Json.parse(r.body());
        assertEquals("java.lang.IllegalArgumentException", body.get("errorType").asText());
        assertEquals("the step input has no task_id", body.get("errorMessage").asText());
    }
}
