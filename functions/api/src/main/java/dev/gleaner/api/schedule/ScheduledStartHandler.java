package dev.gleaner.api.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.api.ApiContext;
import dev.gleaner.aws.secrets.SecretValues;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.idempotency.Idempotency;
import dev.gleaner.core.idempotency.IdempotencyKey;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.CollectionRequestParser;
import dev.gleaner.core.task.CollectionService;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Timestamps;
import java.time.LocalDate;
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
    /** The function's logical id in template.yaml. */
    public static final String FUNCTION = "ScheduledStartFunction";

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
        try (LogContext.Scope scope = LogContext.invocation(context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId(), FUNCTION)) {
            Json.MAPPER.writeValue(output, handle(Json.MAPPER.readTree(input)));
        }
    }

    /**
     * The idempotency key of one scheduled run: platform, cafe and boards, and the day it collects
     * (its target_date, by default yesterday in Asia/Seoul). A Scheduler retry of the same run gets
     * the same key and so the same task; the fingerprint leaves out the secrets added here, so a
     * rotated secret does not turn a retry into a conflict.
     */
    private IdempotencyKey scheduleKey(Platform platform, ObjectNode body) {
        CollectionRequest r;
        try {
            r = CollectionRequestParser.parse(platform, body, LocalDate.now(ctx.clock().withZone(Timestamps.SEOUL))).request();
        } catch (DomainError e) {
            throw new IllegalArgumentException("schedule input rejected: " + e.getMessage()
                    + (e.field() == null ? "" : " (field " + e.field() + ")"), e);
        }
        String key = "schedule:" + platform.id() + ":" + (r.cafeId() == null ? "" : r.cafeId()) + ":"
                + String.join(",", r.menuIds()) + ":" + r.targetDate() + ".." + r.endDate();
        return new IdempotencyKey(CollectionService.startScope(platform), key, IdempotencyKey.fingerprint(body));
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
        IdempotencyKey key = scheduleKey(platform, body);
        if (platform == Platform.NAVER) {
            Env.get(Env.NAVER_COOKIES_SECRET_ID).map(parameters).ifPresent(v -> body.put("naver_cookies", v));
        } else if (platform == Platform.GANGNAMUNNI) {
            Env.get(Env.GANGNAMUNNI_TOKEN_SECRET_ID).map(parameters).ifPresent(v -> body.put("token", v));
        }
        try {
            Idempotency.Result<CollectionTask> started = ctx.collections().start(platform, body, key);
            CollectionTask task = started.value();
            StructuredLog.info(started.replayed() ? "scheduled collection already started (a Scheduler retry)"
                    : "scheduled collection started", task.id(), Map.of("platform", platform.id(), "key", key.key()));
            return Json.object().put("task_id", task.id()).put("replayed", started.replayed());
        } catch (DomainError e) {
            throw new IllegalArgumentException("schedule input rejected: " + e.getMessage()
                    + (e.field() == null ? "" : " (field " + e.field() + ")"), e);
        }
    }
}
