package dev.gleaner.core.task;

import java.time.Instant;
import java.util.Optional;

/**
 * The collection tasks as the API commands them ({@link CollectionService}: create, list, count,
 * cancel, resume) and as the local runner re-queues them after a restart.
 */
public interface TaskRegistry extends TaskFinisher {
    /** Stores a new pending task and its secrets; fails if the id exists. */
    void create(CollectionTask task, Secrets secrets);

    /** Counts per status, each live task counted exactly once (total = the sum of the parts). */
    StatusSummary summary(Instant now);

    /**
     * {@link Transition#RESUME} or {@link Transition#REQUEUE}: the task becomes pending again under a
     * new execution ({@link CollectionTask#executionName} of {@code resumes + 1}), its error and
     * completion cleared, its live expiry renewed; its progress, categories and cursors stay.
     * {@code secrets} (when not empty) replace the stored ones. Empty when the task changed meanwhile
     * (another resume won, or its status is not one the transition starts from).
     */
    Optional<CollectionTask> requeue(CollectionTask seen, Transition transition, Secrets secrets, String currentStep,
            String logLine, Instant now);
}
