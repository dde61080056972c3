package dev.gleaner.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One run of a state machine. Thread-safe. */
public interface Execution {
    String name();

    /** {@code arn:aws:states:local:000000000000:execution:<stateMachineName>:<name>} */
    String executionArn();

    ExecutionStatus status();

    /** A copy of the execution's input. */
    JsonNode input();

    /** A copy of the output, once SUCCEEDED. */
    Optional<JsonNode> output();

    /** The error name, once FAILED, TIMED_OUT or ABORTED (absent if none was given). */
    Optional<String> error();

    Optional<String> cause();

    Instant startDate();

    /** When the execution reached its final status. */
    Optional<Instant> stopDate();

    /**
     * Like StopExecution: the status becomes ABORTED at once with this error and cause (both may be
     * null); waits and pending retries are cancelled; task invocations already running finish on
     * their own and their results are discarded. No-op if the execution has already finished.
     */
    void stop(String error, String cause);

    /**
     * Waits until the execution has finished and its listeners have been notified.
     *
     * @return the status at return (still RUNNING if the timeout elapsed)
     */
    ExecutionStatus await(Duration timeout) throws InterruptedException;

    /** A snapshot of the event log, including local-only debug events. */
    List<HistoryEvent> history();

    /** The number of events AWS would have recorded so far (the 25,000-event limit counts these). */
    int historySize();
}
