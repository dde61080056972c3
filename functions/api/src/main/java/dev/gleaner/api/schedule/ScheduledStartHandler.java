package dev.gleaner.api.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.api.ApiContext;
import dev.gleaner.aws.secrets.SecretValues;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.http.ApiException;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Function;

/**
 * Starts a recurring collection for EventBridge Scheduler. The schedule's input is
 * {@code {"platform": ..., "request": {...}}}, validated by the same parser as the API
 * ({@code target_date} defaults to yesterday in Asia/Seoul). Credentials for Naver and Gangnam Unni
 * come from Secrets Manager secrets named in the environment, never from the schedule input.
 */
public final class ScheduledStartHandler implements RequestStreamHandler {
    public static final String NAVER_COOKIES_SECRET_ID = "NAVER_COOKIES_SECRET_ID";
    public static final String GANGNAMUNNI_TOKEN_SECRET_ID = "GANGNAMUNNI_TOKEN_SECRET_ID";

    private final ApiContext ctx;
    private final Function<String, String> parameters;

    public ScheduledStartHandler() {
        this(ApiContext.fromEnvironment(), SecretValues::read);
    }

    public ScheduledStartHandler(ApiContext ctx, Function<String, String> parameters) {
        this.ctx = ctx;
        this.parameters = parameters;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Json.MAPPER.writeValue(output, handle(Json.MAPPER.readTree(input)));
    }

    /** Returns {@code {"task_id": ...}}; a bad schedule input fails the invocation with the reason. */
    public JsonNode handle(JsonNode event) {
        String platformId = event == null ? null : event.path("platform").asText(null);
        Platform platform = Platform.fromId(platformId).orElseThrow(() ->
                new IllegalArgumentException("schedule input needs \"platform\": babitalk, gangnamunni or naver"));
        JsonNode given = event.path("request");
        ObjectNode body = given.isObject() ? ((ObjectNode) given).deepCopy() : Json.object();
        // Secrets never travel in the schedule's input: drop any, then add the configured ones.
        body.remove("naver_cookies");
        body.remove("token");
        if (platform == Platform.NAVER) {
            Env.get(NAVER_COOKIES_SECRET_ID).map(parameters).ifPresent(v -> body.put("naver_cookies", v));
        } else if (platform == Platform.GANGNAMUNNI) {
            Env.get(GANGNAMUNNI_TOKEN_SECRET_ID).map(parameters).ifPresent(v -> body.put("token", v));
        }
        try {
            CollectionTask task = ctx.collections().start(platform, body);
            StructuredLog.info("scheduled collection started", task.id(), Map.of("platform", platform.id()));
            return Json.object().put("task_id", task.id());
        } catch (ApiException e) {
            throw new IllegalArgumentException("schedule input rejected: " + e.getMessage()
                    + (e.field() == null ? "" : " (field " + e.field() + ")"), e);
        }
    }
}
