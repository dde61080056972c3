package dev.gleaner.workflow.errors;

/**
 * An AWS service the step depends on failed in a way that passes by itself (DynamoDB throttling
 * or a 5xx, an SDK network failure), after the SDK's own retries: the state machine retries the
 * step with backoff and jitter. Permanent faults are not mapped to this type and are not retried.
 */
public final class TransientServiceError extends RuntimeException {
    public TransientServiceError(String message, Throwable cause) {
        super(message, cause);
    }
}
