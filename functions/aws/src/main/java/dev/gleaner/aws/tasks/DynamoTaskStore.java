package dev.gleaner.aws.tasks;

import static dev.gleaner.aws.tables.Attributes.instant;
import static dev.gleaner.aws.tables.Attributes.n;
import static dev.gleaner.aws.tables.Attributes.num;
import static dev.gleaner.aws.tables.Attributes.s;
import static dev.gleaner.aws.tables.Attributes.str;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.aws.tables.Attributes;
import dev.gleaner.aws.tables.Batches;
import dev.gleaner.aws.tables.PageTokens;
import dev.gleaner.aws.tables.StatusCondition;
import dev.gleaner.aws.tables.TableDefinitions;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.core.task.StatusSummary;
import dev.gleaner.core.task.TaskLifetime;
import dev.gleaner.core.task.TaskPage;
import dev.gleaner.core.task.TaskProgress;
import dev.gleaner.core.task.TaskQuery;
import dev.gleaner.core.task.TaskRegistry;
import dev.gleaner.core.task.TaskRun;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import dev.gleaner.core.task.Transition;
import dev.gleaner.core.workflow.QueueLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Collection tasks in one DynamoDB table (see {@link TableDefinitions#tasks}). Listing reads the
 * {@code by_created} / {@code by_status} indexes newest-first; the summary counts per status on
 * {@code by_status}; neither scans the table. Expired items are filtered on every read because
 * DynamoDB deletes TTL'd items late (and DynamoDB Local never does). It serves both sides: the API's
 * commands ({@link TaskRegistry}) and the workflow steps' writes ({@link TaskProgress}).
 */
public record DynamoTaskStore(DynamoDbClient ddb, String table, Clock clock) implements TaskRegistry, TaskProgress {
    static final String LIST_PK = "collection";
    private static final String SECRET_COOKIES = "secret_naver_cookies";
    private static final String SECRET_TOKEN = "secret_token";
    /** Logs grow by appends; once past this size they are trimmed back to the newest 100. */
    private static final int LOG_TRIM_THRESHOLD = 150;
    /** Fixed-width UTC timestamps so that the index sorts them correctly as strings. */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String NOT_EXPIRED = "(attribute_not_exists(expires_at) OR expires_at > :now)";

    public DynamoTaskStore {
        Objects.requireNonNull(ddb, "ddb");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void create(CollectionTask task, Secrets secrets) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(task.id()));
        item.put("list_pk", s(LIST_PK));
        item.put("platform", s(task.platform().id()));
        item.put("status", s(task.status().wire()));
        item.put("progress", n(task.progress()));
        item.put("total", n(task.total()));
        item.put("current_step", s(task.currentStep()));
        item.put("created_at", s(SORTABLE.format(task.createdAt())));
        item.put("logs", AttributeValue.fromL(task.logs().stream().map(Attributes::s).toList()));
        item.put("request", s(Json.write(RequestJson.of(task.request()))));
        item.put("categories", AttributeValue.fromM(Map.of()));
        item.put("execution", s(task.execution()));
        item.put("resumes", n(task.resumes()));
        item.put("queued_at", s(Timestamps.format(task.queuedAt())));
        if (task.expiresAt() != null) {
            item.put(TableDefinitions.TTL_ATTRIBUTE, n(task.expiresAt().getEpochSecond()));
        }
        if (secrets.naverCookies() != null) {
            item.put(SECRET_COOKIES, s(secrets.naverCookies()));
        }
        if (secrets.gangnamunniToken() != null) {
            item.put(SECRET_TOKEN, s(secrets.gangnamunniToken()));
        }
        ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"));
    }

    @Override
    public Optional<CollectionTask> get(String id) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        CollectionTask task = fromItem(item);
        return task.isExpired(clock.instant()) ? Optional.empty() : Optional.of(task);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<TaskRun> loadRun(String id, String category) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        CollectionTask task = fromItem(item);
        if (task.isExpired(clock.instant())) {
            return Optional.empty();
        }
        Secrets secrets = task.status().isFinal() ? Secrets.NONE
                : new Secrets(str(item, SECRET_COOKIES), str(item, SECRET_TOKEN));
        Map<String, Object> state = new HashMap<>();
        if (category != null && item.containsKey("categories") && item.get("categories").m().containsKey(category)) {
            state = Json.read(item.get("categories").m().get(category).s(), HashMap.class);
        }
        return Optional.of(new TaskRun(task, secrets, state));
    }

    @Override
    public Secrets secrets(String id) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)
                .projectionExpression("#s, " + SECRET_COOKIES + ", " + SECRET_TOKEN)
                .expressionAttributeNames(Map.of("#s", "status"))).item();
        if (item == null || item.isEmpty() || TaskStatus.fromWire(str(item, "status")).map(TaskStatus::isFinal).orElse(true)) {
            return Secrets.NONE;
        }
        return new Secrets(str(item, SECRET_COOKIES), str(item, SECRET_TOKEN));
    }

    @Override
    public TaskPage list(TaskQuery query) {
        String index = query.status() == null ? TableDefinitions.TASKS_BY_CREATED : TableDefinitions.TASKS_BY_STATUS;
        String scope = index + ":" + (query.status() == null ? "" : query.status().wire()) + ":"
                + (query.platform() == null ? "" : query.platform().id());
        Map<String, AttributeValue> start = PageTokens.decode(scope, query.nextToken());
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", n(clock.instant().getEpochSecond()));
        String keyCondition;
        if (query.status() == null) {
            keyCondition = "list_pk = :pk";
            values.put(":pk", s(LIST_PK));
        } else {
            keyCondition = "#st = :st";
            names.put("#st", "status");
            values.put(":st", s(query.status().wire()));
        }
        String filter = NOT_EXPIRED;
        if (query.platform() != null) {
            filter += " AND platform = :platform";
            values.put(":platform", s(query.platform().id()));
        }
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> lastKey = start;
        // Limit is applied before the filter, so ask for exactly what is still missing: a page never
        // overshoots, and the last evaluated key is exactly where the next page must begin. (Not the
        // SDK's paginator: it keeps one limit for every page and hides the key the next_token needs.)
        do {
            int remaining = query.limit() - ids.size();
            QueryRequest.Builder rq = QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression(keyCondition).filterExpression(filter)
                    .expressionAttributeValues(values).scanIndexForward(false).limit(remaining)
                    .exclusiveStartKey(lastKey);
            if (!names.isEmpty()) {
                rq.expressionAttributeNames(names);
            }
            QueryResponse page = ddb.query(rq.build());
            page.items().forEach(i -> ids.add(str(i, "id")));
            lastKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (lastKey != null && ids.size() < query.limit());
        // The indexes carry keys, status, platform and expiry only (no logs, no summaries): the
        // tasks themselves are read with consistent BatchGetItem calls, in the index's order.
        Map<String, CollectionTask> found = new HashMap<>();
        for (int i = 0; i < ids.size(); i += Batches.GET_MAX) {
            List<Map<String, AttributeValue>> keys = ids.subList(i, Math.min(ids.size(), i + Batches.GET_MAX)).stream()
                    .distinct().map(DynamoTaskStore::key).toList();
            Batches.get(ddb, table, keys, null).forEach(item -> found.put(str(item, "id"), fromItem(item)));
        }
        List<CollectionTask> tasks = new ArrayList<>();
        Instant now = clock.instant();
        for (String id : ids) {
            CollectionTask t = found.get(id);
            // The index lags the table a little: the item itself decides.
            if (t != null && !t.isExpired(now) && (query.status() == null || t.status() == query.status())) {
                tasks.add(t);
            }
        }
        return new TaskPage(tasks, PageTokens.encode(scope, lastKey));
    }

    /**
     * One pass over {@code by_created} (each task has exactly one entry there, whatever its status),
     * counting statuses as it goes: every task is counted once, so {@code total_tasks} is always
     * the sum of the parts, even while tasks move between statuses. The index holds a few small
     * attributes per task, so the pass reads little.
     */
    @Override
    public StatusSummary summary(Instant now) {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0L);
        }
        QueryRequest request = QueryRequest.builder().tableName(table)
                .indexName(TableDefinitions.TASKS_BY_CREATED)
                .keyConditionExpression("list_pk = :pk").filterExpression(NOT_EXPIRED)
                .expressionAttributeValues(Map.of(":pk", s(LIST_PK), ":now", n(now.getEpochSecond()))).build();
        for (Map<String, AttributeValue> item : ddb.queryPaginator(request).items()) {
            TaskStatus.fromWire(str(item, "status")).ifPresent(st -> counts.merge(st, 1L, Long::sum));
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new StatusSummary(total, counts.get(TaskStatus.PENDING), counts.get(TaskStatus.RUNNING),
                counts.get(TaskStatus.COMPLETED), counts.get(TaskStatus.FAILED), counts.get(TaskStatus.CANCELLED),
                Timestamps.format(now));
    }

    @Override
    public boolean markRunning(String id, String execution, Instant now, String currentStep, String logLine) {
        Map<String, AttributeValue> values = new HashMap<>(StatusCondition.values(Transition.RUN));
        values.putAll(Map.of(":now", s(Timestamps.format(now)), ":step", s(currentStep),
                ":empty", AttributeValue.fromL(List.of()), ":line", AttributeValue.fromL(List.of(s(logLine))),
                ":lease", n(now.plus(QueueLimits.LEASE).getEpochSecond())));
        Map<String, String> names = new HashMap<>(StatusCondition.names());
        String condition = StatusCondition.expression(Transition.RUN) + executionGuard(execution, names, values);
        try {
            ddb.updateItem(UpdateItemRequest.builder().tableName(table).key(key(id))
                    .updateExpression("SET " + StatusCondition.set() + ", started_at = :now, current_step = :step, "
                            + "lease_until = :lease, logs = list_append(if_not_exists(logs, :empty), :line)")
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public TaskStatus addProgress(String id, String execution, String category, Map<String, Object> categoryState,
            int progressDelta, int totalDelta, String currentStep, String logLine) {
        Map<String, String> names = new HashMap<>(Map.of("#st", "status", "#total", "total"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", n(progressDelta), ":t", n(totalDelta),
                ":step", s(currentStep), ":running", s(TaskStatus.RUNNING.wire()),
                ":empty", AttributeValue.fromL(List.of()), ":line", AttributeValue.fromL(List.of(s(logLine))),
                ":lease", n(clock.instant().plus(QueueLimits.LEASE).getEpochSecond())));
        // Every progress write renews the slot's lease (QueueLimits.LEASE): no request of its own.
        String update = "ADD progress :p, #total :t SET current_step = :step, lease_until = :lease, "
                + "logs = list_append(if_not_exists(logs, :empty), :line)";
        if (category != null) {
            update += ", categories.#c = :state";
            names.put("#c", category);
            values.put(":state", s(Json.write(categoryState)));
        }
        String condition = "#st = :running" + executionGuard(execution, names, values);
        try {
            UpdateItemResponse r = ddb.updateItem(UpdateItemRequest.builder().tableName(table).key(key(id))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            trimLogs(id, r.attributes());
            return TaskStatus.RUNNING;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            if (old == null || old.isEmpty()) {
                return TaskStatus.FAILED;
            }
            TaskStatus now = TaskStatus.fromWire(str(old, "status")).orElse(TaskStatus.FAILED);
            // Still live, but run by another execution now: for this caller the task is over.
            return now.isFinal() ? now : TaskStatus.CANCELLED;
        }
    }

    /**
     * {@code AND} the task is run by {@code execution} (none given: no guard). A task written before
     * executions were recorded is run by the execution named after it.
     */
    private static String executionGuard(String execution, Map<String, String> names, Map<String, AttributeValue> values) {
        if (execution == null) {
            return "";
        }
        names.put("#exec", "execution");
        values.put(":exec", s(execution));
        return " AND (#exec = :exec OR (attribute_not_exists(#exec) AND id = :exec))";
    }

    @Override
    public void appendLog(String id, String logLine) {
        try {
            UpdateItemResponse r = ddb.updateItem(UpdateItemRequest.builder().tableName(table).key(key(id))
                    .updateExpression("SET logs = list_append(if_not_exists(logs, :empty), :line)")
                    .conditionExpression("attribute_exists(id)")
                    .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()),
                            ":line", AttributeValue.fromL(List.of(s(logLine)))))
                    .returnValues(ReturnValue.UPDATED_NEW).build());
            trimLogs(id, r.attributes());
        } catch (ConditionalCheckFailedException gone) {
            // The task no longer exists: nothing to log to.
        }
    }

    /**
     * Keeps the newest 100 lines. DynamoDB cannot append to and remove from one list in a single
     * update, so trimming is a second, conditional write made once every ~50 appends; the
     * condition (the list is still the size we saw) makes it safe against concurrent appends.
     */
    private void trimLogs(String id, Map<String, AttributeValue> updated) {
        if (updated == null || !updated.containsKey("logs")) {
            return;
        }
        int size = updated.get("logs").l().size();
        if (size <= LOG_TRIM_THRESHOLD) {
            return;
        }
        int drop = size - CollectionTask.MAX_LOGS;
        String removals = IntStream.range(0, drop).mapToObj(i -> "logs[" + i + "]")
                .collect(Collectors.joining(", "));
        try {
            ddb.updateItem(b -> b.tableName(table).key(key(id)).updateExpression("REMOVE " + removals)
                    .conditionExpression("size(logs) = :size")
                    .expressionAttributeValues(Map.of(":size", n(size))));
        } catch (ConditionalCheckFailedException raced) {
            // Someone appended meanwhile; the next append will trim.
        }
    }

    @Override
    public Optional<CollectionTask> finish(String id, String execution, TaskStatus finalStatus, JsonNode resultSummary,
            String error, String currentStep, String logLine, Instant now) {
        Transition transition = Transition.finishing(Transition.Kind.COLLECTION, finalStatus);
        Map<String, AttributeValue> values = new HashMap<>(StatusCondition.values(transition));
        values.put(":now", s(Timestamps.format(now)));
        values.put(":expires", n(TaskLifetime.expiryFor(now).getEpochSecond()));
        values.put(":empty", AttributeValue.fromL(List.of()));
        values.put(":line", AttributeValue.fromL(List.of(s(logLine))));
        StringBuilder update = new StringBuilder("SET " + StatusCondition.set() + ", completed_at = :now, "
                + "expires_at = :expires, logs = list_append(if_not_exists(logs, :empty), :line)");
        Map<String, String> names = new HashMap<>(StatusCondition.names());
        if (finalStatus == TaskStatus.COMPLETED) {
            update.append(", #total = progress"); // the contract: progress and total are equal on completion
            names.put("#total", "total");
        }
        if (resultSummary != null) {
            update.append(", result_summary = :summary");
            values.put(":summary", s(Json.write(resultSummary)));
        }
        if (error != null) {
            update.append(", #err = :error");
            values.put(":error", s(error));
            names.put("#err", "error");
        }
        if (currentStep != null) {
            update.append(", current_step = :step");
            values.put(":step", s(currentStep));
        }
        update.append(" REMOVE " + SECRET_COOKIES + ", " + SECRET_TOKEN);
        String condition = StatusCondition.expression(transition) + executionGuard(execution, names, values);
        return updateIf(id, update.toString(), condition, names, values);
    }

    /** A conditional update that answers the task after it, or empty when the condition refused it. */
    private Optional<CollectionTask> updateIf(String id, String update, String condition, Map<String, String> names,
            Map<String, AttributeValue> values) {
        try {
            UpdateItemResponse r = ddb.updateItem(UpdateItemRequest.builder().tableName(table).key(key(id))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW).build());
            return Optional.of(fromItem(r.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<CollectionTask> requeue(CollectionTask seen, Transition transition, Secrets secrets,
            String currentStep, String logLine, Instant now) {
        if (transition.kind() != Transition.Kind.COLLECTION || transition.to() != TaskStatus.PENDING) {
            throw new IllegalArgumentException(transition + " does not put a collection back in the queue");
        }
        int next = seen.resumes() + 1;
        Map<String, AttributeValue> values = new HashMap<>(StatusCondition.values(transition));
        values.putAll(Map.of(":exec", s(CollectionTask.executionName(seen.id(), next)), ":n", n(next),
                ":seen", n(seen.resumes()), ":step", s(currentStep), ":expires",
                n(TaskLifetime.liveExpiry(now).getEpochSecond()), ":empty", AttributeValue.fromL(List.of()),
                ":line", AttributeValue.fromL(List.of(s(logLine)))));
        Map<String, String> names = new HashMap<>(StatusCondition.names());
        names.put("#exec", "execution");
        names.put("#err", "error");
        values.put(":queued", s(Timestamps.format(now)));
        StringBuilder update = new StringBuilder("SET " + StatusCondition.set() + ", #exec = :exec, resumes = :n, "
                + "queued_at = :queued, current_step = :step, expires_at = :expires, "
                + "logs = list_append(if_not_exists(logs, :empty), :line)");
        if (secrets != null && secrets.naverCookies() != null) {
            update.append(", " + SECRET_COOKIES + " = :cookies");
            values.put(":cookies", s(secrets.naverCookies()));
        }
        if (secrets != null && secrets.gangnamunniToken() != null) {
            update.append(", " + SECRET_TOKEN + " = :token");
            values.put(":token", s(secrets.gangnamunniToken()));
        }
        update.append(" REMOVE completed_at, #err");
        String unchanged = seen.resumes() == 0 ? "(attribute_not_exists(resumes) OR resumes = :seen)" : "resumes = :seen";
        return updateIf(seen.id(), update.toString(), StatusCondition.expression(transition) + " AND " + unchanged,
                names, values);
    }

    @Override
    public void saveCategoryState(String id, String category, Map<String, Object> state) {
        ddb.updateItem(b -> b.tableName(table).key(key(id))
                .updateExpression("SET categories.#c = :state")
                .conditionExpression("attribute_exists(id)")
                .expressionAttributeNames(Map.of("#c", category))
                .expressionAttributeValues(Map.of(":state", s(Json.write(state)))));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> categoryState(String id, String category) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)
                .projectionExpression("categories.#c").expressionAttributeNames(Map.of("#c", category))).item();
        if (item == null || !item.containsKey("categories")) {
            return new HashMap<>();
        }
        AttributeValue v = item.get("categories").m().get(category);
        return v == null ? new HashMap<>() : Json.read(v.s(), HashMap.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> allCategoryStates(String id) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true)
                .projectionExpression("categories")).item();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (item != null && item.containsKey("categories")) {
            item.get("categories").m().forEach((k, v) -> out.put(k, Json.read(v.s(), HashMap.class)));
        }
        return out;
    }

    // ---- mapping ----

    static CollectionTask fromItem(Map<String, AttributeValue> item) {
        Platform platform = Platform.fromId(str(item, "platform"))
                .orElseThrow(() -> new IllegalStateException("task item without a known platform"));
        CollectionRequest request = item.containsKey("request") ? RequestJson.read(platform, str(item, "request")) : null;
        JsonNode summary = null;
        if (item.containsKey("result_summary")) {
            try {
                summary = Json.parse(str(item, "result_summary"));
            } catch (Exception e) {
                summary = null;
            }
        }
        List<String> logs = item.containsKey("logs") ? item.get("logs").l().stream().map(AttributeValue::s).toList() : List.of();
        return new CollectionTask(str(item, "id"), platform,
                TaskStatus.fromWire(str(item, "status")).orElse(TaskStatus.FAILED),
                num(item, "progress"), num(item, "total"), str(item, "current_step"),
                instant(item, "created_at"), instant(item, "started_at"), instant(item, "completed_at"),
                str(item, "error"), summary, logs, request,
                Attributes.epochSeconds(item, "expires_at"), str(item, "execution"), num(item, "resumes"),
                instant(item, "queued_at"), Attributes.epochSeconds(item, "lease_until"));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", s(id));
    }

}
