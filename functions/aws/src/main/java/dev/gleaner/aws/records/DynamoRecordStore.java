package dev.gleaner.aws.records;

import dev.gleaner.aws.tables.Batches;
import dev.gleaner.aws.tables.PageTokens;
import dev.gleaner.aws.tables.TableDefinitions;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordStore;
import dev.gleaner.core.task.Timestamps;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Records in one table (see {@link TableDefinitions#records}):
 * <ul>
 *   <li>a record item per identity: {@code pk} = identity, {@code sk} = "record", the record as JSON,
 *       {@code platform_category}/{@code created_at} for the {@code by_category} index, and
 *       {@code first_seen}: the task and page that first stored it;</li>
 *   <li>a link item per saved page: {@code pk} = "task#ID", {@code sk} = the page key
 *       ({@code category#callStart#index}, which orders a task's items), {@code ids} = the identities
 *       on that page. One link per page (not per record) keeps a page of 24 posts to three requests:
 *       one BatchGetItem, one BatchWriteItem (24 records + 1 link), one progress update.</li>
 * </ul>
 * New vs already seen: the page's keys are read with one BatchGetItem, then the missing ones are
 * written with BatchWriteItem; a page with nothing new leaves its link for the call's end, where
 * such links are written together. There is no read-modify-write on any item, so nothing is lost;
 * two runs saving the same new post at the same moment may both count it as {@code new} (the second
 * write rewrites identical content), an over-count accepted for the one-read-per-page cost.
 */
public record DynamoRecordStore(DynamoDbClient ddb, String table) implements RecordStore {
    private static final String RECORD_SK = "record";
    private static final String FIRST_SEEN = "first_seen";
    private static final int BATCH_GET_MAX = Batches.GET_MAX;
    private static final int BATCH_WRITE_MAX = Batches.WRITE_MAX;

    public DynamoRecordStore {
        Objects.requireNonNull(ddb, "ddb");
        Objects.requireNonNull(table, "table");
    }

    @Override
    public CallWriter call(String taskId, String category, int callStart) {
        return new Call(taskId, category, callStart);
    }

    /** The page key of a call's page: sorts by category, then call, then page (zero-padded). */
    static String pageKey(String category, int callStart, int index) {
        return category + "#" + String.format("%08d", callStart) + "#" + String.format("%02d", index);
    }

    private final class Call implements CallWriter {
        private final String taskId;
        private final String category;
        private final int callStart;
        /** "first_seen" values of this category from this call's position on: {@code <ownPrefix>NNNNNNNN#II}. */
        private final String ownPrefix;
        private final List<WriteRequest> pendingLinks = new ArrayList<>();
        private int index;

        Call(String taskId, String category, int callStart) {
            this.taskId = taskId;
            this.category = category;
            this.callStart = callStart;
            this.ownPrefix = taskId + "#" + category + "#";
        }

        @Override
        public SaveResult page(List<CollectedRecord> records) {
            String pageKey = pageKey(category, callStart, index++);
            Map<String, CollectedRecord> byIdentity = new LinkedHashMap<>();
            records.forEach(r -> byIdentity.putIfAbsent(r.identity(), r));
            if (byIdentity.isEmpty()) {
                return SaveResult.NONE;
            }
            Map<String, String> existing = existingIdentities(byIdentity.keySet());
            String firstSeen = taskId + "#" + pageKey;
            List<WriteRequest> writes = new ArrayList<>();
            int newPosts = 0;
            int newReviews = 0;
            for (CollectedRecord r : byIdentity.values()) {
                boolean stored = existing.containsKey(r.identity());
                if (stored && !storedByThisCall(existing.get(r.identity()))) {
                    continue;
                }
                if (!stored) {
                    writes.add(put(recordItem(r, firstSeen)));
                }
                if (CollectedRecord.KIND_REVIEW.equals(r.kind())) {
                    newReviews++;
                } else {
                    newPosts++;
                }
            }
            WriteRequest link = put(Map.of("pk", s(linkPk(taskId)), "sk", s(pageKey),
                    "ids", AttributeValue.fromL(byIdentity.keySet().stream().map(DynamoRecordStore::s).toList())));
            if (writes.isEmpty()) {
                pendingLinks.add(link); // nothing else to write for this page: the link waits for the call's end
            } else {
                writes.add(link);
                writeInChunks(writes);
            }
            return new SaveResult(newPosts, newReviews);
        }

        /** Stored by this task's category from this call's position on: an attempt that never saved its progress. */
        private boolean storedByThisCall(String firstSeen) {
            if (firstSeen == null || !firstSeen.startsWith(ownPrefix)
                    || firstSeen.length() < ownPrefix.length() + 8) {
                return false;
            }
            try {
                return Integer.parseInt(firstSeen.substring(ownPrefix.length(), ownPrefix.length() + 8)) >= callStart;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public void finish() {
            writeInChunks(pendingLinks);
            pendingLinks.clear();
        }
    }

    private void writeInChunks(List<WriteRequest> writes) {
        for (int i = 0; i < writes.size(); i += BATCH_WRITE_MAX) {
            writeAll(writes.subList(i, Math.min(writes.size(), i + BATCH_WRITE_MAX)));
        }
    }

    @Override
    public RecordPage itemsOfTask(String taskId, int limit, String nextToken) {
        String scope = "items:" + taskId;
        Map<String, AttributeValue> position = PageTokens.decode(scope, nextToken);
        String startSk = position == null ? null : position.get("sk").s();
        int offset = position == null ? 0 : Integer.parseInt(position.get("offset").n());
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> resume = null;
        Map<String, AttributeValue> lastKey = null;
        boolean first = true;
        // By hand, not the SDK's paginator: a page can stop inside a link item, and the token resumes there.
        outer:
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                    .keyConditionExpression(first && startSk != null ? "pk = :pk AND sk >= :sk" : "pk = :pk")
                    .expressionAttributeValues(first && startSk != null
                            ? Map.of(":pk", s(linkPk(taskId)), ":sk", s(startSk)) : Map.of(":pk", s(linkPk(taskId))))
                    .consistentRead(true).exclusiveStartKey(lastKey);
            QueryResponse page = ddb.query(q.build());
            for (Map<String, AttributeValue> link : page.items()) {
                List<AttributeValue> linkIds = link.get("ids").l();
                int from = first && startSk != null && link.get("sk").s().equals(startSk) ? offset : 0;
                for (int i = from; i < linkIds.size(); i++) {
                    if (ids.size() == limit) {
                        resume = Map.of("sk", link.get("sk"), "offset", AttributeValue.fromN(Integer.toString(i)));
                        break outer;
                    }
                    ids.add(linkIds.get(i).s());
                }
            }
            first = false;
            lastKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (lastKey != null);
        Map<String, CollectedRecord> found = readRecords(ids);
        List<CollectedRecord> items = ids.stream().map(found::get).filter(Objects::nonNull).toList();
        return new RecordPage(items, PageTokens.encode(scope, resume));
    }

    @Override
    public RecordPage find(String platform, String category, LocalDate date, int limit, String nextToken) {
        String scope = "records:" + platform + "#" + category + ":" + date;
        Map<String, AttributeValue> start = PageTokens.decode(scope, nextToken);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pc", s(platformCategory(platform, category)));
        String condition = "platform_category = :pc";
        if (date != null) {
            condition += " AND created_at BETWEEN :from AND :to";
            values.put(":from", s(Timestamps.format(date.atStartOfDay(Timestamps.SEOUL).toInstant())));
            values.put(":to", s(Timestamps.format(date.plusDays(1).atStartOfDay(Timestamps.SEOUL).toInstant().minusSeconds(1))));
        }
        QueryResponse page = ddb.query(QueryRequest.builder().tableName(table).indexName(TableDefinitions.RECORDS_BY_CATEGORY)
                .keyConditionExpression(condition).expressionAttributeValues(values).scanIndexForward(false)
                .limit(limit).exclusiveStartKey(start).build());
        List<CollectedRecord> items = page.items().stream().map(DynamoRecordStore::fromItem).toList();
        Map<String, AttributeValue> last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? page.lastEvaluatedKey() : null;
        return new RecordPage(items, PageTokens.encode(scope, last));
    }

    /** The identities already stored, each with the "first_seen" it was stored with (null for older items). */
    private Map<String, String> existingIdentities(Set<String> identities) {
        Map<String, String> found = new HashMap<>();
        List<String> all = new ArrayList<>(identities);
        for (int i = 0; i < all.size(); i += BATCH_GET_MAX) {
            List<Map<String, AttributeValue>> keys = all.subList(i, Math.min(all.size(), i + BATCH_GET_MAX)).stream()
                    .map(id -> Map.of("pk", s(id), "sk", s(RECORD_SK))).toList();
            batchGet(keys, "pk, " + FIRST_SEEN).forEach(item -> found.put(item.get("pk").s(),
                    item.containsKey(FIRST_SEEN) ? item.get(FIRST_SEEN).s() : null));
        }
        return found;
    }

    private Map<String, CollectedRecord> readRecords(List<String> identities) {
        Map<String, CollectedRecord> out = new HashMap<>();
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(identities));
        for (int i = 0; i < unique.size(); i += BATCH_GET_MAX) {
            List<Map<String, AttributeValue>> keys = unique.subList(i, Math.min(unique.size(), i + BATCH_GET_MAX)).stream()
                    .map(id -> Map.of("pk", s(id), "sk", s(RECORD_SK))).toList();
            batchGet(keys, null).forEach(item -> out.put(item.get("pk").s(), fromItem(item)));
        }
        return out;
    }

    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, String projection) {
        return Batches.get(ddb, table, keys, projection);
    }

    private void writeAll(List<WriteRequest> writes) {
        Batches.write(ddb, table, writes);
    }

    private static Map<String, AttributeValue> recordItem(CollectedRecord r, String firstSeen) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(FIRST_SEEN, s(firstSeen));
        item.put("pk", s(r.identity()));
        item.put("sk", s(RECORD_SK));
        item.put("platform", s(r.platform()));
        item.put("category", s(r.category()));
        item.put("kind", s(r.kind()));
        item.put("scope", s(r.scope()));
        item.put("source_id", s(r.sourceId()));
        item.put("platform_category", s(platformCategory(r.platform(), r.category())));
        if (r.createdAt() != null) {
            item.put("created_at", s(r.createdAt()));
        }
        item.put("data", s(Json.write(r)));
        return item;
    }

    private static CollectedRecord fromItem(Map<String, AttributeValue> item) {
        CollectedRecord r = Json.read(item.get("data").s(), CollectedRecord.class);
        String scope = item.containsKey("scope") ? item.get("scope").s() : null;
        return new CollectedRecord(r.platform(), r.category(), r.kind(), scope, r.sourceId(), r.url(), r.title(), r.body(),
                r.author(), r.createdAt(), r.viewCount(), r.likeCount(), r.commentCount(), r.rating(), r.hospital(),
                r.doctor(), r.procedure(), r.price(), r.comments(), r.raw());
    }

    static String platformCategory(String platform, String category) {
        return platform + "#" + category;
    }

    private static String linkPk(String taskId) {
        return "task#" + taskId;
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v == null ? "" : v);
    }
}
