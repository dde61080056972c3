package dev.gleaner.checks.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gleaner.checks.template.Intrinsics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the AWS APIs Gleaner's functions call, recording every call as the IAM
 * action and resource ARN it would be authorised against. Each function gets its own endpoint
 * ({@code http://127.0.0.1:PORT/<caller>}), so calls are attributed to the function that made them.
 *
 * <ul>
 *   <li>DynamoDB: forwarded to DynamoDB Local (the real thing answers).</li>
 *   <li>Step Functions StartExecution/StopExecution/DescribeExecution, SQS SendMessage, Secrets Manager GetSecretValue, Translate
 *       TranslateText: answered here, with what was sent kept for inspection.</li>
 *   <li>Anything else: recorded and refused, so an unexpected call shows up as a failure.</li>
 * </ul>
 */
public final class RecordingAws implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=[^/]+/(\\d{8})/[^/]+/");
    private static final String ARN = ":" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-aws");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI dynamo;
    private final List<AwsCall> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<SentMessage> messages = new CopyOnWriteArrayList<>();
    /** Execution ARN to status: started ones RUNNING, stopped ones ABORTED, or what a test set. */
    private final Map<String, String> executions = new ConcurrentHashMap<>();
    private volatile Function<String, String> translator = text -> text;

    /** A message a function sent to a queue. */
    public record SentMessage(String caller, String queueUrl, String body) {}

    private RecordingAws(URI dynamo) throws IOException {
        this.dynamo = dynamo;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @param dynamoLocal DynamoDB Local's endpoint, where DynamoDB calls are forwarded */
    public static RecordingAws start(URI dynamoLocal) throws IOException {
        return new RecordingAws(dynamoLocal);
    }

    /** The endpoint a function's SDK clients use (the SDK's {@code aws.endpointUrl}). */
    public String endpointFor(String caller) {
        if (!caller.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("caller must be alphanumeric: " + caller);
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + caller;
    }

    /** The URL this stand-in accepts for a queue named {@code name} (what {@code !Ref Queue} resolves to). */
    public String queueUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/queues/" + Intrinsics.ACCOUNT + "/" + name;
    }

    /** A Secrets Manager secret (by name) that GetSecretValue will answer. */
    public void putSecret(String name, String value) {
        secrets.put(name, value);
    }

    /** Makes DescribeExecution answer {@code status} for an execution (by ARN). */
    public void execution(String executionArn, String status) {
        executions.put(executionArn, status);
    }

    public void translateWith(Function<String, String> translator) {
        this.translator = translator;
    }

    public List<AwsCall> calls() {
        return List.copyOf(calls);
    }

    public List<AwsCall> callsBy(String caller) {
        return calls.stream().filter(c -> c.caller().equals(caller)).toList();
    }

    public List<SentMessage> messages() {
        return List.copyOf(messages);
    }

    public static String tableArn(String table) {
        return "arn:aws:dynamodb" + ARN + "table/" + table;
    }

    public static String queueArn(String queueName) {
        return "arn:aws:sqs" + ARN + queueName;
    }

    /** Secrets Manager adds a dash and six random characters to every secret's ARN. */
    public static String secretArn(String name) {
        return "arn:aws:secretsmanager" + ARN + "secret:" + name + "-Ab12Cd";
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String caller = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "unknown";
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body = ex.getRequestBody().readAllBytes();
            if (target == null || !target.contains(".")) {
                record(caller, "unknown:" + ex.getRequestMethod() + " " + path, "*", null);
                reply(ex, 400, "application/x-amz-json-1.0", error("UnknownOperationException",
                        "only JSON-protocol AWS calls are understood here"));
                return;
            }
            String prefix = target.substring(0, target.indexOf('.'));
            String operation = target.substring(target.indexOf('.') + 1);
            JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            switch (prefix) {
                case "DynamoDB_20120810" -> dynamo(ex, caller, operation, request, body);
                case "AWSStepFunctions" -> stepFunctions(ex, caller, operation, request);
                case "AmazonSQS" -> sqs(ex, caller, operation, request);
                case "secretsmanager" -> secrets(ex, caller, operation, request);
                case "AWSShineFrontendService_20170701" -> translate(ex, caller, operation, request);
                default -> {
                    record(caller, prefix + ":" + operation, "*", request);
                    reply(ex, 400, "application/x-amz-json-1.1", error("UnknownOperationException", target));
                }
            }
        } catch (RuntimeException e) {
            // Answer something the SDK reports as a service error instead of hanging the caller.
            reply(ex, 500, "application/x-amz-json-1.0", error("InternalFailure", String.valueOf(e.getMessage())));
        } finally {
            ex.close();
        }
    }

    private void dynamo(HttpExchange ex, String caller, String op, JsonNode request, byte[] body) throws IOException {
        switch (op) {
            case "BatchGetItem", "BatchWriteItem" ->
                request.path("RequestItems").fieldNames().forEachRemaining(t -> record(caller, "dynamodb:" + op,
                        tableArn(t), request));
            case "TransactWriteItems", "TransactGetItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    Map.Entry<String, JsonNode> e = item.fields().next();
                    String action = switch (e.getKey()) {
                        case "Put" -> "PutItem";
                        case "Update" -> "UpdateItem";
                        case "Delete" -> "DeleteItem";
                        case "ConditionCheck" -> "ConditionCheckItem";
                        default -> "GetItem";
                    };
                    record(caller, "dynamodb:" + action, tableArn(e.getValue().path("TableName").asText()), request);
                }
            }
            default -> {
                String table = request.path("TableName").asText("?");
                String resource = request.hasNonNull("IndexName")
                        ? tableArn(table) + "/index/" + request.get("IndexName").asText() : tableArn(table);
                record(caller, "dynamodb:" + op, resource, request);
            }
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(dynamo.resolve("/"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Amz-Target", "DynamoDB_20120810." + op)
                .header("Content-Type", "application/x-amz-json-1.0");
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            // DynamoDB Local keeps one database per access key and region: use the tests' ones.
            Matcher m = CREDENTIAL.matcher(auth);
            forward.header("Authorization", m.find()
                    ? m.replaceFirst("Credential=local/" + m.group(1) + "/" + Intrinsics.REGION + "/") : auth);
        }
        String date = ex.getRequestHeaders().getFirst("X-Amz-Date");
        if (date != null) {
            forward.header("X-Amz-Date", date);
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        r.headers().firstValue("x-amz-crc32").ifPresent(v -> ex.getResponseHeaders().set("x-amz-crc32", v));
        reply(ex, r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/x-amz-json-1.0"), r.body());
    }

    private void stepFunctions(HttpExchange ex, String caller, String op, JsonNode request) throws IOException {
        double now = System.currentTimeMillis() / 1000.0;
        switch (op) {
            case "StartExecution" -> {
                String sm = request.path("stateMachineArn").asText();
                record(caller, "states:StartExecution", sm, request);
                String name = request.path("name").asText(UUID.randomUUID().toString());
                String arn = sm.replaceFirst(":stateMachine:", ":execution:") + ":" + name;
                executions.putIfAbsent(arn, "RUNNING");
                ObjectNode out = JSON.createObjectNode().put("executionArn", arn).put("startDate", now);
                reply(ex, 200, "application/x-amz-json-1.0", JSON.writeValueAsBytes(out));
            }
            case "StopExecution" -> {
                String arn = request.path("executionArn").asText();
                record(caller, "states:StopExecution", arn, request);
                executions.computeIfPresent(arn, (k, v) -> v.equals("RUNNING") ? "ABORTED" : v);
                reply(ex, 200, "application/x-amz-json-1.0",
                        JSON.writeValueAsBytes(JSON.createObjectNode().put("stopDate", now)));
            }
            case "DescribeExecution" -> {
                String arn = request.path("executionArn").asText();
                record(caller, "states:DescribeExecution", arn, request);
                String status = executions.get(arn);
                if (status == null) {
                    reply(ex, 400, "application/x-amz-json-1.0", error("ExecutionDoesNotExist",
                            "Execution Does Not Exist: '" + arn + "'"));
                    return;
                }
                String sm = arn.replaceFirst(":execution:", ":stateMachine:").replaceFirst(":[^:]+$", "");
                ObjectNode out = JSON.createObjectNode().put("executionArn", arn).put("stateMachineArn", sm)
                        .put("name", arn.substring(arn.lastIndexOf(':') + 1)).put("status", status).put("startDate", now);
                reply(ex, 200, "application/x-amz-json-1.0", JSON.writeValueAsBytes(out));
            }
            default -> {
                record(caller, "states:" + op, request.path("stateMachineArn").asText(
                        request.path("executionArn").asText("*")), request);
                reply(ex, 400, "application/x-amz-json-1.0", error("UnknownOperationException", op));
            }
        }
    }

    private void sqs(HttpExchange ex, String caller, String op, JsonNode request) throws IOException {
        String url = request.path("QueueUrl").asText("");
        String name = url.substring(url.lastIndexOf('/') + 1);
        record(caller, "sqs:" + op, queueArn(name), request);
        if (!op.equals("SendMessage")) {
            reply(ex, 400, "application/x-amz-json-1.0", error("UnsupportedOperation", op));
            return;
        }
        if (!url.startsWith(queueUrl(""))) {
            reply(ex, 400, "application/x-amz-json-1.0", error("AWS.SimpleQueueService.NonExistentQueue",
                    "no queue at " + url));
            return;
        }
        if (request.has("MessageAttributes") && request.get("MessageAttributes").size() > 0) {
            reply(ex, 400, "application/x-amz-json-1.0", error("UnsupportedOperation",
                    "message attributes are not supported by this stand-in"));
            return;
        }
        String body = request.path("MessageBody").asText();
        messages.add(new SentMessage(caller, url, body));
        ObjectNode out = JSON.createObjectNode().put("MessageId", UUID.randomUUID().toString())
                .put("MD5OfMessageBody", md5(body));
        reply(ex, 200, "application/x-amz-json-1.0", JSON.writeValueAsBytes(out));
    }

    private void secrets(HttpExchange ex, String caller, String op, JsonNode request) throws IOException {
        String id = request.path("SecretId").asText();
        String name = id.startsWith("arn:") ? id.substring(id.indexOf(":secret:") + 8, id.length() - 7) : id;
        record(caller, "secretsmanager:" + op, secretArn(name), request);
        String value = secrets.get(name);
        if (!op.equals("GetSecretValue")) {
            reply(ex, 400, "application/x-amz-json-1.1", error("UnsupportedOperation", op));
        } else if (value == null) {
            reply(ex, 400, "application/x-amz-json-1.1", error("ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret."));
        } else {
            ObjectNode out = JSON.createObjectNode().put("ARN", secretArn(name)).put("Name", name)
                    .put("SecretString", value).put("VersionId", "00000000-0000-0000-0000-000000000001")
                    .put("CreatedDate", 1.7e9);
            out.putArray("VersionStages").add("AWSCURRENT");
            reply(ex, 200, "application/x-amz-json-1.1", JSON.writeValueAsBytes(out));
        }
    }

    private void translate(HttpExchange ex, String caller, String op, JsonNode request) throws IOException {
        record(caller, "translate:" + op, "*", request);
        if (!op.equals("TranslateText")) {
            reply(ex, 400, "application/x-amz-json-1.1", error("UnsupportedOperation", op));
            return;
        }
        ObjectNode out = JSON.createObjectNode()
                .put("TranslatedText", translator.apply(request.path("Text").asText()))
                .put("SourceLanguageCode", request.path("SourceLanguageCode").asText("auto").equals("auto")
                        ? "ko" : request.path("SourceLanguageCode").asText())
                .put("TargetLanguageCode", request.path("TargetLanguageCode").asText());
        reply(ex, 200, "application/x-amz-json-1.1", JSON.writeValueAsBytes(out));
    }

    private void record(String caller, String action, String resource, JsonNode request) {
        calls.add(new AwsCall(caller, action, resource, request));
    }

    private static byte[] error(String type, String message) {
        try {
            return JSON.writeValueAsBytes(JSON.createObjectNode().put("__type", type).put("message", message));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Every call, grouped for messages. */
    public static String describe(List<AwsCall> calls) {
        List<String> lines = new ArrayList<>();
        for (AwsCall c : calls) {
            lines.add("  " + c);
        }
        return String.join("\n", lines);
    }
}
