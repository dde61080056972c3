package dev.gleaner.aws.scrape;

import static dev.gleaner.aws.tables.Attributes.instant;
import static dev.gleaner.aws.tables.Attributes.n;
import static dev.gleaner.aws.tables.Attributes.s;
import static dev.gleaner.aws.tables.Attributes.str;

import dev.gleaner.aws.tables.Attributes;
import dev.gleaner.aws.tables.StatusCondition;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.core.scrape.ScrapeOutcome;
import dev.gleaner.core.scrape.ScrapeRequest;
import dev.gleaner.core.scrape.ScrapeStore;
import dev.gleaner.core.scrape.ScrapeTask;
import dev.gleaner.core.task.TaskLifetime;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Transition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Scrape tasks ({@code pk = "task#ID"}) and cache entries ({@code pk = "cache#" + SHA-256 of URL and
 * language}) in one table with a TTL on {@code expires_at}. Expired items are filtered on read.
 */
public record DynamoScrapeStore(DynamoDbClient ddb, String table, Clock clock) implements ScrapeStore {
    private static final String SECRET_PROXY = "secret_proxy";

    public DynamoScrapeStore {
        Objects.requireNonNull(ddb, "ddb");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void create(ScrapeTask task, String proxy) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(taskKey(task.taskId())));
        item.put("status", s(task.status().wire()));
        item.put("request", s(Json.write(task.request())));
        item.put("message", s(task.message()));
        item.put("created_at", s(task.createdAt().toString()));
        item.put("updated_at", s(task.updatedAt().toString()));
        item.put("cache_hit", AttributeValue.fromBool(task.cacheHit()));
        if (task.completedAt() != null) {
            item.put("completed_at", s(task.completedAt().toString()));
        }
        if (task.status().isFinal()) {
            putOutcome(item, new ScrapeOutcome(task.productInfo(), task.detectedPlatform(), task.platformConfidence(),
                    task.platformIndicators(), Boolean.TRUE.equals(task.translated())));
        }
        if (task.expiresAt() != null) {
            item.put("expires_at", n(task.expiresAt().getEpochSecond()));
        }
        if (proxy != null) {
            item.put(SECRET_PROXY, s(proxy));
        }
        ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<ScrapeTask> get(String taskId) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(taskKey(taskId)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        ScrapeTask task = fromItem(taskId, item);
        return task.isExpired(clock.instant()) ? Optional.empty() : Optional.of(task);
    }

    @Override
    public String proxy(String taskId) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(taskKey(taskId)))
                .consistentRead(true).projectionExpression(SECRET_PROXY)).item();
        return item == null || !item.containsKey(SECRET_PROXY) ? null : item.get(SECRET_PROXY).s();
    }

    @Override
    public boolean markRunning(String taskId, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(StatusCondition.values(Transition.SCRAPE_RUN));
        values.put(":now", s(now.toString()));
        values.put(":msg", s("Scraping product information"));
        try {
            ddb.updateItem(b -> b.tableName(table).key(key(taskKey(taskId)))
                    .updateExpression("SET " + StatusCondition.set() + ", updated_at = :now, message = :msg")
                    .conditionExpression(StatusCondition.expression(Transition.SCRAPE_RUN))
                    .expressionAttributeNames(StatusCondition.names())
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException finished) {
            return false;
        }
    }

    @Override
    public Optional<ScrapeTask> complete(String taskId, ScrapeOutcome outcome, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, AttributeValue> attrs = new HashMap<>();
        putOutcome(attrs, outcome);
        StringBuilder update = new StringBuilder("SET updated_at = :now, completed_at = :now, message = :msg, "
                + "expires_at = :exp");
        Map<String, String> names = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : attrs.entrySet()) {
            update.append(", #a").append(i).append(" = :a").append(i);
            names.put("#a" + i, e.getKey());
            values.put(":a" + i, e.getValue());
            i++;
        }
        values.put(":msg", s("Scraping completed"));
        return finish(taskId, Transition.SCRAPE_COMPLETE, update.toString(), names, values, now);
    }

    @Override
    public Optional<ScrapeTask> fail(String taskId, String error, Instant now) {
        return finish(taskId, Transition.SCRAPE_FAIL, "SET updated_at = :now, completed_at = :now, message = :msg, "
                        + "#err = :error, expires_at = :exp", Map.of("#err", "error"),
                Map.of(":msg", s("Scraping failed"), ":error", s(error)), now);
    }

    /** A final status, the 24 h expiry from now, the proxy secret removed: all conditional on the transition. */
    private Optional<ScrapeTask> finish(String taskId, Transition transition, String set, Map<String, String> names,
            Map<String, AttributeValue> values, Instant now) {
        Map<String, String> allNames = new HashMap<>(names);
        allNames.putAll(StatusCondition.names());
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.putAll(StatusCondition.values(transition));
        allValues.put(":now", s(now.toString()));
        allValues.put(":exp", n(TaskLifetime.expiryFor(now).getEpochSecond()));
        String update = set + ", " + StatusCondition.set() + " REMOVE " + SECRET_PROXY;
        try {
            UpdateItemResponse r = ddb.updateItem(b -> b.tableName(table).key(key(taskKey(taskId)))
                    .updateExpression(update).conditionExpression(StatusCondition.expression(transition))
                    .expressionAttributeNames(allNames).expressionAttributeValues(allValues)
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(fromItem(taskId, r.attributes()));
        } catch (ConditionalCheckFailedException alreadyFinal) {
            return Optional.empty();
        }
    }

    /**
     * Scrape tasks still pending or running, for a local runner that restarts on kept data (its
     * queue did not survive): a scan of the whole table, so never on a request path, and not on AWS,
     * where the queue and its dead-letter queue keep every message.
     */
    public List<String> unfinishedTaskIds() {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> lastKey = null;
        do {
            Map<String, AttributeValue> start = lastKey;
            var page = ddb.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(start)
                    .filterExpression("begins_with(pk, :task) AND #st IN (:pending, :running)")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":task", s("task#"), ":pending", s(TaskStatus.PENDING.wire()),
                            ":running", s(TaskStatus.RUNNING.wire()))));
            page.items().forEach(i -> ids.add(i.get("pk").s().substring("task#".length())));
            lastKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (lastKey != null);
        return ids;
    }

    @Override
    public Optional<ScrapeOutcome> cached(String normalizedUrl, String language, Instant now) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(cacheKey(normalizedUrl, language)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || Long.parseLong(item.get("expires_at").n()) <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(outcome(item));
    }

    @Override
    public void cache(String normalizedUrl, String language, ScrapeOutcome outcome, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(cacheKey(normalizedUrl, language)));
        item.put("url", s(normalizedUrl));
        if (language != null) {
            item.put("language", s(language));
        }
        item.put("cached_at", s(clock.instant().toString()));
        item.put("expires_at", n(expiresAt.getEpochSecond()));
        putOutcome(item, outcome);
        ddb.putItem(b -> b.tableName(table).item(item));
    }

    private static void putOutcome(Map<String, AttributeValue> item, ScrapeOutcome o) {
        if (o.productInfo() != null) {
            item.put("product_info", s(Json.write(o.productInfo())));
        }
        if (o.detectedPlatform() != null) {
            item.put("detected_platform", s(o.detectedPlatform()));
        }
        if (o.platformConfidence() != null) {
            item.put("platform_confidence", AttributeValue.fromN(Double.toString(o.platformConfidence())));
        }
        item.put("platform_indicators", AttributeValue.fromL(o.platformIndicators() == null ? List.of()
                : o.platformIndicators().stream().map(Attributes::s).toList()));
        item.put("translated", AttributeValue.fromBool(o.translated()));
    }

    private static ScrapeOutcome outcome(Map<String, AttributeValue> item) {
        return new ScrapeOutcome(productInfo(item), str(item, "detected_platform"),
                item.containsKey("platform_confidence") ? Double.parseDouble(item.get("platform_confidence").n()) : null,
                item.containsKey("platform_indicators") ? item.get("platform_indicators").l().stream().map(AttributeValue::s).toList()
                        : List.of(),
                item.containsKey("translated") && Boolean.TRUE.equals(item.get("translated").bool()));
    }

    private static ProductInfo productInfo(Map<String, AttributeValue> item) {
        return item.containsKey("product_info") ? Json.read(item.get("product_info").s(), ProductInfo.class) : null;
    }

    private static ScrapeTask fromItem(String taskId, Map<String, AttributeValue> item) {
        TaskStatus status = TaskStatus.fromWire(str(item, "status")).orElse(TaskStatus.FAILED);
        ScrapeRequest request = Json.read(str(item, "request"), ScrapeRequest.class);
        ScrapeOutcome o = outcome(item);
        return new ScrapeTask(taskId, status, request, str(item, "message"), instant(item, "created_at"),
                instant(item, "updated_at"), instant(item, "completed_at"), o.productInfo(), str(item, "error"),
                item.containsKey("cache_hit") && Boolean.TRUE.equals(item.get("cache_hit").bool()), o.detectedPlatform(),
                o.platformConfidence(), o.platformIndicators(), status.isFinal() && status == TaskStatus.COMPLETED
                        ? o.translated() : null,
                Attributes.epochSeconds(item, "expires_at"));
    }

    static String taskKey(String id) {
        return "task#" + id;
    }

    static String cacheKey(String normalizedUrl, String language) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((normalizedUrl + "\n" + (language == null ? "" : language)).getBytes(StandardCharsets.UTF_8));
            return "cache#" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

}
