package dev.gleaner.asl;

/** The statuses of a Step Functions execution that this executor produces. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED;

    public boolean isFinal() {
        return this != RUNNING;
    }
}
