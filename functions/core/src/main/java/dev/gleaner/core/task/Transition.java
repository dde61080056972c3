package dev.gleaner.core.task;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one table of legal status changes, for collection tasks and scrape tasks alike. Every store
 * turns a transition into its condition expression ("the status is one of {@link #from()}"), so
 * a write that is not in this table is refused by the database, whoever makes it.
 */
public enum Transition {
    // ---- collection tasks
    /** A slot was taken: the collection starts. */
    RUN(Kind.COLLECTION, TaskStatus.RUNNING, TaskStatus.PENDING),
    /** At least one category succeeded. */
    COMPLETE(Kind.COLLECTION, TaskStatus.COMPLETED, TaskStatus.RUNNING),
    /** The run failed, never got a slot, or its execution ended without a final status. */
    FAIL(Kind.COLLECTION, TaskStatus.FAILED, TaskStatus.PENDING, TaskStatus.RUNNING),
    /** DELETE …/task/{id}. */
    CANCEL(Kind.COLLECTION, TaskStatus.CANCELLED, TaskStatus.PENDING, TaskStatus.RUNNING),
    /** POST …/task/{id}/resume: a failed or cancelled collection continues from its cursors as the same task. */
    RESUME(Kind.COLLECTION, TaskStatus.PENDING, TaskStatus.FAILED, TaskStatus.CANCELLED),
    /** The process running the task died (local runner restart): a new execution takes it up from its cursors. */
    REQUEUE(Kind.COLLECTION, TaskStatus.PENDING, TaskStatus.PENDING, TaskStatus.RUNNING),

    // ---- scrape tasks
    /** The worker took the message; a redelivered message finds the task running and takes it up again. */
    SCRAPE_RUN(Kind.SCRAPE, TaskStatus.RUNNING, TaskStatus.PENDING, TaskStatus.RUNNING),
    SCRAPE_COMPLETE(Kind.SCRAPE, TaskStatus.COMPLETED, TaskStatus.RUNNING),
    /** The page could not be scraped, the message reached the dead-letter queue, or it could not be queued. */
    SCRAPE_FAIL(Kind.SCRAPE, TaskStatus.FAILED, TaskStatus.PENDING, TaskStatus.RUNNING);

    /** Which kind of task a transition applies to. */
    public enum Kind { COLLECTION, SCRAPE }

    private final Kind kind;
    private final TaskStatus to;
    private final Set<TaskStatus> from;

    Transition(Kind kind, TaskStatus to, TaskStatus first, TaskStatus... rest) {
        this.kind = kind;
        this.to = to;
        this.from = EnumSet.of(first, rest);
    }

    public Kind kind() {
        return kind;
    }

    /** The status after the transition. */
    public TaskStatus to() {
        return to;
    }

    /** The statuses the task must have for the transition to apply. */
    public Set<TaskStatus> from() {
        return EnumSet.copyOf(from);
    }

    public boolean appliesTo(TaskStatus current) {
        return from.contains(current);
    }

    /** The transition of this kind that ends in {@code status} from a live task (FAIL, CANCEL, COMPLETE…). */
    public static Transition finishing(Kind kind, TaskStatus status) {
        for (Transition t : values()) {
            if (t.kind == kind && t.to == status && status.isFinal()) {
                return t;
            }
        }
        throw new IllegalArgumentException("no transition of " + kind + " tasks ends in " + status);
    }
}
