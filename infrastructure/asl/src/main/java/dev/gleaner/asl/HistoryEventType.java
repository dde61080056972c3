package dev.gleaner.asl;

/**
 * History event types. All but the local-only ones carry the name Step Functions uses and count
 * toward the 25,000-event history limit as they would on AWS.
 */
public enum HistoryEventType {
    ExecutionStarted, ExecutionSucceeded, ExecutionFailed, ExecutionAborted, ExecutionTimedOut,
    TaskStateEntered, TaskStateExited,
    LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded, LambdaFunctionFailed,
    LambdaFunctionTimedOut,
    PassStateEntered, PassStateExited,
    ChoiceStateEntered, ChoiceStateExited,
    WaitStateEntered, WaitStateExited,
    SucceedStateEntered, SucceedStateExited,
    FailStateEntered,
    MapStateEntered, MapStateStarted, MapIterationStarted, MapIterationSucceeded, MapIterationFailed,
    MapIterationAborted, MapStateSucceeded, MapStateFailed, MapStateExited,
    ParallelStateEntered, ParallelStateStarted, ParallelStateSucceeded, ParallelStateFailed, ParallelStateExited,
    /** Local only (AWS shows a retry as a new LambdaFunctionScheduled): a retrier matched and a retry is due. */
    StateRetryScheduled(false),
    /** Local only: a catcher matched and the execution moves on to its Next state. */
    StateCaught(false);

    private final boolean countsTowardLimit;

    HistoryEventType() {
        this(true);
    }

    HistoryEventType(boolean countsTowardLimit) {
        this.countsTowardLimit = countsTowardLimit;
    }

    /** Whether AWS would record this event (and count it toward the history limit). */
    public boolean countsTowardLimit() {
        return countsTowardLimit;
    }
}
