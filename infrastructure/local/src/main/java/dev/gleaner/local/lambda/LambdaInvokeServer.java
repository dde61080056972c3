package dev.gleaner.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gleaner.asl.TaskFailure;
import dev.gleaner.asl.TaskInvoker;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.local.http.DaemonHttpServer;
import dev.gleaner.local.workflow.LocalLambdas;
import dev.gleaner.workflow.WorkflowFunctions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{FunctionName}/invocations}) on a
 * loopback port, in front of the workflow's handler classes, so that a tool that calls Lambda
 * through an AWS SDK (the JS SDK v3 honours {@code AWS_ENDPOINT_URL_LAMBDA}) runs the real
 * handlers. Answers as Lambda does: 200 with the function's output; a function error is also a
 * 200, with {@code X-Amz-Function-Error: Unhandled} and {@code {"errorType", "errorMessage",
 * "stackTrace"}}; an unknown function is a 404 {@code ResourceNotFoundException}. Invocation types
 * {@code RequestResponse} (the default), {@code Event} (202, run in the background) and
 * {@code DryRun} (204) are supported. No authentication: bind it to loopback only.
 */
public final class LambdaInvokeServer implements AutoCloseable {
    /** Lambda's own limit for a synchronous request payload. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final Pattern INVOKE_PATH = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");
    private static final String LATEST = ":$LATEST";

    private final DaemonHttpServer server;
    private final Function<String, Optional<String>> resolve;
    private final TaskInvoker invoker;

    /**
     * @param resolve maps the FunctionName of a request (a name or an ARN, URL-decoded) to the
     *     resource the invoker knows, or empty for an unknown function
     */
    public LambdaInvokeServer(String host, int port, Function<String, Optional<String>> resolve, TaskInvoker invoker)
            throws IOException {
        this.resolve = resolve;
        this.invoker = invoker;
        // Map iterations call in parallel, and a call may block (a slow source): a thread each.
        this.server = DaemonHttpServer.bind(new InetSocketAddress(host, port), "lambda-invoke", 0, this::handle);
    }

    /**
     * Serves the workflow's functions, found by their local ARN ({@link WorkflowFunctions#localArn()})
     * or by the function name inside it ({@code gleaner-AcquireSlotFunction}), with or without
     * the {@code $LATEST} qualifier.
     */
    public static LambdaInvokeServer forLambdas(String host, int port, LocalLambdas lambdas) throws IOException {
        return new LambdaInvokeServer(host, port, resolverFor(lambdas), lambdas);
    }

    /** The name resolution of {@link #forLambdas}, for callers that wrap the invoker (to observe calls). */
    public static Function<String, Optional<String>> resolverFor(LocalLambdas lambdas) {
        Map<String, String> byName = new HashMap<>();
        for (WorkflowFunctions f : WorkflowFunctions.values()) {
            String arn = f.localArn();
            byName.put(arn, arn);
            byName.put(arn.substring(arn.lastIndexOf(':') + 1), arn);
        }
        return name -> {
            String bare = name.endsWith(LATEST) ? name.substring(0, name.length() - LATEST.length()) : name;
            return Optional.ofNullable(byName.get(bare)).filter(lambdas::knows);
        };
    }

    public LambdaInvokeServer start() {
        server.http().start();
        return this;
    }

    public int port() {
        return server.http().getAddress().getPort();
    }

    /** What to set as {@code AWS_ENDPOINT_URL_LAMBDA}. */
    public URI endpoint() {
        return URI.create("http://" + server.http().getAddress().getHostString() + ":" + port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!m.matches()) {
                sendError(exchange, 404, "UnknownOperationException", "only Invoke (POST /2015-03-31/functions/{name}/invocations) is served here");
                return;
            }
            if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
                sendError(exchange, 405, "UnknownOperationException", "Invoke takes POST");
                return;
            }
            String functionName = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            String qualifier = queryParam(exchange.getRequestURI().getRawQuery(), "Qualifier");
            Optional<String> resource = qualifier == null || qualifier.equals("$LATEST")
                    ? resolve.apply(functionName) : Optional.empty();
            if (resource.isEmpty()) {
                sendError(exchange, 404, "ResourceNotFoundException", "Function not found: " + functionName
                        + (qualifier == null ? "" : " (qualifier " + qualifier + ")"));
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody());
            if (body == null) {
                sendError(exchange, 413, "RequestTooLargeException",
                        "Request must be smaller than " + MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
                return;
            }
            JsonNode payload;
            try {
                payload = body.length == 0 ? Json.object() : Json.parse(new String(body, StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                sendError(exchange, 400, "InvalidRequestContentException", "Could not parse request body into json: "
                        + e.getClass().getSimpleName());
                return;
            }
            String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
                    .orElse("RequestResponse");
            switch (type) {
                case "RequestResponse" -> invokeAndAnswer(exchange, resource.get(), payload);
                case "Event" -> {
                    server.threads().execute(() -> invokeQuietly(resource.get(), payload));
                    exchange.sendResponseHeaders(202, -1);
                }
                case "DryRun" -> exchange.sendResponseHeaders(204, -1);
                default -> sendError(exchange, 400, "InvalidParameterValueException",
                        "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun");
            }
        } catch (RuntimeException e) {
            // A bug here, not in a function: answer as Lambda's own service error would.
            StructuredLog.error("lambda invoke endpoint failed", null, e);
            try {
                sendError(exchange, 500, "ServiceException", "local Lambda endpoint error: " + e.getClass().getSimpleName());
            } catch (IOException | RuntimeException ignored) {
                // the response was already under way
            }
        }
    }

    private void invokeAndAnswer(HttpExchange exchange, String resource, JsonNode payload) throws IOException {
        JsonNode result;
        try {
            result = invoker.invoke(resource, payload);
        } catch (TaskFailure f) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            send(exchange, 200, Json.write(errorBody(f.error(), f.cause())));
            return;
        } catch (RuntimeException e) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            send(exchange, 200, Json.write(errorBody(e.getClass().getName(), LocalLambdas.lambdaCause(e))));
            return;
        }
        send(exchange, 200, Json.write(result == null ? Json.MAPPER.nullNode() : result));
    }

    private void invokeQuietly(String resource, JsonNode payload) {
        try {
            invoker.invoke(resource, payload);
        } catch (TaskFailure | RuntimeException e) {
            StructuredLog.warn("asynchronous invocation of " + resource + " failed", null, e);
        }
    }

    /**
     * The body the Java runtime answers for an unhandled exception. The invoker's cause is already
     * that JSON for the workflow's handlers; any other cause becomes the message.
     */
    static ObjectNode errorBody(String error, String cause) {
        if (cause != null) {
            try {
                JsonNode parsed = Json.parse(cause);
                if (parsed instanceof ObjectNode o && o.hasNonNull("errorMessage")) {
                    ObjectNode body = o.deepCopy();
                    body.put("errorType", error);
                    if (!body.has("stackTrace")) {
                        body.putArray("stackTrace");
                    }
                    return body;
                }
            } catch (JsonProcessingException notJson) {
                // a plain-text cause
            }
        }
        ObjectNode body = Json.object();
        body.put("errorMessage", cause == null || cause.isBlank() ? error : cause);
        body.put("errorType", error);
        body.putArray("stackTrace");
        return body;
    }

    /** An error of the Lambda service itself (not of a function), in the shape the AWS SDKs parse. */
    private static void sendError(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        ObjectNode body = Json.object().put("Type", status >= 500 ? "Service" : "User").put("message", message);
        send(exchange, status, Json.write(body));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** The body, or null when it is larger than Lambda accepts (read no further than that). */
    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        return bytes.length > MAX_PAYLOAD_BYTES ? null : bytes;
    }

    private static String queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.close();
    }
}
