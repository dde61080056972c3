package dev.gleaner.aws.slots;

import static dev.gleaner.aws.tables.Attributes.n;
import static dev.gleaner.aws.tables.Attributes.s;

import dev.gleaner.aws.errors.AwsFaults;
import dev.gleaner.aws.tables.Batches;
import dev.gleaner.core.workflow.CollectionSlots;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The semaphore that caps running collections, and the queue in front of it, in one small table.
 *
 * <ul>
 *   <li>The lock item ({@code id = "collections"}) holds {@code holders} (task id → the execution
 *       holding the slot and its lease), {@code holder_count}, {@code next_ticket} (the last ticket
 *       handed out) and {@code served} (how many tickets have left the queue: admitted or given up).</li>
 *   <li>A waiting task has a ticket item ({@code id = "ticket#<task>"}) with its number.</li>
 * </ul>
 *
 * A waiting task's position is {@code ticket - 1 - served}: at most the number of tickets older than
 * its own still waiting (tickets leave out of order, so it can only under-count), and exactly 0 for
 * the oldest waiting ticket, which therefore always gets the next free slot. Admission takes a slot
 * while {@code position < free slots}, so waiting tasks start roughly oldest first, and each poll
 * costs one consistent BatchGetItem of two small items, however long the queue: no counting.
 * Every ticket leaves exactly once (its item is deleted in the same transaction that counts it in
 * {@code served}), so the arithmetic stays exact; the reaper removes tickets whose task died.
 */
public record DynamoSemaphore(DynamoDbClient ddb, String table, int maxHolders, Clock clock) implements CollectionSlots {
    public static final String LOCK_ID = "collections";
    private static final String TICKET_PREFIX = "ticket#";
    private static final int MAX_CONFLICT_RETRIES = 5;

    /** A poll that found the slot held by the asking execution. */
    private static final Admission GRANTED = new Admission(true, 0, 0);

    public DynamoSemaphore {
        Objects.requireNonNull(ddb, "ddb");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * One poll for a slot: takes a ticket on the first poll, then a slot when the ticket's turn has
     * come and one is free. Idempotent per task: a task already holding a slot (under this or an
     * older execution of the same task) keeps it, now under {@code execution}.
     *
     * @param lease until when the slot is promised to the execution unless the workflow renews it
     * @param enqueue whether a task without a ticket takes one (the first poll of an invocation);
     *     on later polls a missing ticket means the task left the queue meanwhile (cancelled)
     * @return empty when the task has neither a slot nor a ticket and {@code enqueue} is false
     */
    @Override
    public Optional<Admission> poll(String taskId, String execution, Instant lease, boolean enqueue) {
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            Map<String, Map<String, AttributeValue>> items = read(taskId);
            Map<String, AttributeValue> lockItem = items.get(LOCK_ID);
            if (lockItem == null) {
                ensureLockItem();
                continue;
            }
            Lock lock = lock(lockItem);
            Holder holder = lock.holders().get(taskId);
            if (holder != null) {
                if (!holder.execution().equals(execution)) {
                    takeOver(taskId, holder.execution(), execution, lease);
                }
                return Optional.of(GRANTED);
            }
            Map<String, AttributeValue> ticketItem = items.get(ticketId(taskId));
            long ticket;
            if (ticketItem == null) {
                if (!enqueue) {
                    return Optional.empty();
                }
                Optional<Long> taken = takeTicket(taskId, lock.nextTicket());
                if (taken.isEmpty()) {
                    continue; // another task took that number: read again
                }
                ticket = taken.get();
            } else {
                ticket = Long.parseLong(ticketItem.get("ticket").n());
            }
            long position = ticket - 1 - lock.served();
            int free = maxHolders - lock.holderCount();
            if (free <= 0 || position >= free) {
                return Optional.of(new Admission(false, Math.max(0, position), Math.max(0, free)));
            }
            if (admit(taskId, execution, lease, lock)) {
                return Optional.of(GRANTED);
            }
            // The lock changed meanwhile (another admission or release): look again.
        }
        // Too much contention on the lock item this time: wait near the front and ask again soon.
        return Optional.of(new Admission(false, 0, 0));
    }

    /**
     * The task is done with the semaphore: its slot is freed, or (if it never got one) its ticket
     * leaves the queue. Idempotent: a second call changes nothing.
     *
     * @return true if this call freed a slot or a place in the queue
     */
    @Override
    public boolean release(String taskId) {
        return releaseSlot(taskId, null) || leaveQueue(taskId);
    }

    /**
     * Frees the task's slot if it is held (by {@code execution}, when not null: a newer execution
     * of the same task keeps its slot).
     */
    @Override
    public boolean releaseSlot(String taskId, String execution) {
        Map<String, String> names = new HashMap<>(Map.of("#h", taskId));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":minus", n(-1)));
        String condition = "attribute_exists(holders.#h)";
        if (execution != null) {
            condition += " AND holders.#h.#e = :e";
            names.put("#e", "execution");
            values.put(":e", s(execution));
        }
        String c = condition;
        try {
            ddb.updateItem(b -> b.tableName(table).key(key(LOCK_ID))
                    .updateExpression("REMOVE holders.#h ADD holder_count :minus")
                    .conditionExpression(c).expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notHeld) {
            return false;
        }
    }

    /** The task's ticket leaves the queue (counted in {@code served}); false if it had none. */
    @Override
    public boolean leaveQueue(String taskId) {
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            try {
                ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(ticketId(taskId)))
                                .conditionExpression("attribute_exists(id)")).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(table).key(key(LOCK_ID))
                                .updateExpression("ADD served :one")
                                .expressionAttributeValues(Map.of(":one", n(1)))).build()));
                return true;
            } catch (TransactionCanceledException e) {
                if (conditionFailed(e, 0)) {
                    return false; // no ticket: it was admitted or already left
                }
                // a concurrent transaction on the lock item: try again
            }
        }
        throw new AwsFaults.Throttled("the queue of waiting collections was too busy to give up a ticket; try again");
    }

    /** The workflow renews its slot's lease while it works. False when the slot is not held by that execution. */
    @Override
    public boolean renew(String taskId, String execution, Instant lease) {
        try {
            ddb.updateItem(b -> b.tableName(table).key(key(LOCK_ID))
                    .updateExpression("SET holders.#h.lease = :lease")
                    .conditionExpression("holders.#h.#e = :e")
                    .expressionAttributeNames(Map.of("#h", taskId, "#e", "execution"))
                    .expressionAttributeValues(Map.of(":lease", n(lease.getEpochSecond()), ":e", s(execution))));
            return true;
        } catch (ConditionalCheckFailedException notHeld) {
            return false;
        }
    }

    @Override
    public Optional<Lock> lock() {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).key(key(LOCK_ID)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(lock(item));
    }

    @Override
    public Map<String, Holder> holders() {
        return lock().map(Lock::holders).orElse(Map.of());
    }

    @Override
    public int holderCount() {
        return lock().map(Lock::holderCount).orElse(0);
    }

    /**
     * Every waiting ticket, for the reaper: a scan of this small table (the lock item plus one item
     * per waiting task).
     */
    @Override
    public List<Ticket> tickets() {
        List<Ticket> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : ddb.scanPaginator(b -> b.tableName(table).consistentRead(true)
                .filterExpression("begins_with(id, :prefix)")
                .expressionAttributeValues(Map.of(":prefix", s(TICKET_PREFIX)))).items()) {
            out.add(new Ticket(item.get("id").s().substring(TICKET_PREFIX.length()),
                    Long.parseLong(item.get("ticket").n()), Instant.parse(item.get("since").s())));
        }
        return out;
    }

    // ---- the steps of a poll

    private Map<String, Map<String, AttributeValue>> read(String taskId) {
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        Batches.get(ddb, table, List.of(key(LOCK_ID), key(ticketId(taskId))), null)
                .forEach(item -> out.put(item.get("id").s(), item));
        return out;
    }

    /** Hands out number {@code last + 1}: the counter moves and the ticket is written together, or neither. */
    private Optional<Long> takeTicket(String taskId, long last) {
        long number = last + 1;
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key(LOCK_ID))
                            .updateExpression("SET next_ticket = :n")
                            .conditionExpression(last == 0 ? "attribute_not_exists(next_ticket) OR next_ticket = :last"
                                    : "next_ticket = :last")
                            .expressionAttributeValues(Map.of(":n", n(number), ":last", n(last)))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(Map.of("id", s(ticketId(taskId)), "ticket", n(number),
                                    "since", s(clock.instant().toString())))
                            .conditionExpression("attribute_not_exists(id)")).build()));
            return Optional.of(number);
        } catch (TransactionCanceledException e) {
            return Optional.empty();
        }
    }

    /**
     * Takes a slot and gives up the ticket in one transaction, valid only if the lock is no worse
     * than when the decision was made: no more holders than seen, no fewer tickets served.
     */
    private boolean admit(String taskId, String execution, Instant lease, Lock seen) {
        AttributeValue holder = AttributeValue.fromM(Map.of("execution", s(execution), "lease", n(lease.getEpochSecond()),
                "since", s(clock.instant().toString())));
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key(LOCK_ID))
                            .updateExpression("SET holders.#h = :holder ADD holder_count :one, served :one")
                            .conditionExpression("attribute_not_exists(holders.#h) AND holder_count < :max"
                                    + " AND holder_count <= :count AND " + (seen.served() == 0
                                    ? "(attribute_not_exists(served) OR served >= :served)" : "served >= :served"))
                            .expressionAttributeNames(Map.of("#h", taskId))
                            .expressionAttributeValues(Map.of(":holder", holder, ":one", n(1), ":max", n(maxHolders),
                                    ":count", n(seen.holderCount()), ":served", n(seen.served())))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(ticketId(taskId)))
                            .conditionExpression("attribute_exists(id)")).build()));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    /** A newer execution of the same task (resumed) takes over the slot the task holds. */
    private void takeOver(String taskId, String from, String to, Instant lease) {
        try {
            ddb.updateItem(b -> b.tableName(table).key(key(LOCK_ID))
                    .updateExpression("SET holders.#h.#e = :to, holders.#h.lease = :lease")
                    .conditionExpression("holders.#h.#e = :from")
                    .expressionAttributeNames(Map.of("#h", taskId, "#e", "execution"))
                    .expressionAttributeValues(Map.of(":to", s(to), ":from", s(from), ":lease", n(lease.getEpochSecond()))));
        } catch (ConditionalCheckFailedException changed) {
            // Someone else moved it first; the next poll sees the result.
        }
    }

    /** Creates the lock item on first use (a no-op once it exists). */
    private void ensureLockItem() {
        try {
            ddb.putItem(b -> b.tableName(table).item(Map.of("id", s(LOCK_ID),
                    "holders", AttributeValue.fromM(Map.of()), "holder_count", n(0), "next_ticket", n(0), "served", n(0)))
                    .conditionExpression("attribute_not_exists(id)"));
        } catch (ConditionalCheckFailedException exists) {
            // The usual case.
        }
    }

    private static Lock lock(Map<String, AttributeValue> item) {
        Map<String, Holder> holders = new LinkedHashMap<>();
        if (item.containsKey("holders")) {
            item.get("holders").m().forEach((task, v) -> {
                Map<String, AttributeValue> h = v.m();
                // An entry without a record (written before leases existed) reads as an expired lease.
                holders.put(task, h == null || h.isEmpty() ? new Holder(task, task, Instant.EPOCH)
                        : new Holder(task, h.get("execution").s(), Instant.ofEpochSecond(Long.parseLong(h.get("lease").n()))));
            });
        }
        return new Lock(holders, (int) number(item, "holder_count"), number(item, "next_ticket"), number(item, "served"));
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static boolean conditionFailed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    static String ticketId(String taskId) {
        return TICKET_PREFIX + taskId;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", s(id));
    }
}
