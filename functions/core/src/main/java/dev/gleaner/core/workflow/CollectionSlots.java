package dev.gleaner.core.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The semaphore that caps running collections and the queue in front of it, as the workflow's
 * steps and the reaper use it (on AWS and locally: {@code dev.gleaner.aws.slots.DynamoSemaphore}).
 */
public interface CollectionSlots extends SlotReleaser {

    /** A task holding a slot: the execution that took it and until when its lease runs. */
    record Holder(String taskId, String execution, Instant lease) {}

    /** A waiting task's ticket. */
    record Ticket(String taskId, long number, Instant since) {}

    /**
     * What a poll found: the slot is held by the asking execution, or the task waits at
     * {@code position} (tickets probably ahead of it) with {@code free} slots open.
     */
    record Admission(boolean held, long position, int free) {}

    /** The lock item as read: holders, counters. */
    record Lock(Map<String, Holder> holders, int holderCount, long nextTicket, long served) {}

    /** How many tasks may hold a slot at once. */
    int maxHolders();

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
    Optional<Admission> poll(String taskId, String execution, Instant lease, boolean enqueue);

    /**
     * The task is done with the semaphore: its slot is freed, or (if it never got one) its ticket
     * leaves the queue. Idempotent: a second call changes nothing.
     *
     * @return true if this call freed a slot or a place in the queue
     */
    @Override
    boolean release(String taskId);

    /**
     * Frees the task's slot if it is held (by {@code execution}, when not null: a newer execution
     * of the same task keeps its slot).
     */
    boolean releaseSlot(String taskId, String execution);

    /** The task's ticket leaves the queue (counted in {@code served}); false if it had none. */
    boolean leaveQueue(String taskId);

    /** The workflow renews its slot's lease while it works. False when the slot is not held by that execution. */
    boolean renew(String taskId, String execution, Instant lease);

    /** The lock item, if it exists yet. */
    Optional<Lock> lock();

    /** Who holds a slot now. */
    Map<String, Holder> holders();

    /** How many slots are held now. */
    int holderCount();

    /** Every waiting ticket, for the reaper. */
    List<Ticket> tickets();
}
