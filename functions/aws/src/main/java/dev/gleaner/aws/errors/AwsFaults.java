package dev.gleaner.aws.errors;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Tells an AWS fault that may pass by itself from one that will not, following the SDK's and
 * DynamoDB's guidance: throttling, 5xx answers and network failures (the SDK's own retries already
 * spent) are transient; everything else (validation, missing resources, access denied, a failed
 * condition) is permanent. The workflow maps transient ones to its retryable error type; the API
 * answers them with 503 and {@code Retry-After}.
 */
public final class AwsFaults {
    private static final Set<String> THROTTLING_CODES = Set.of("ProvisionedThroughputExceededException",
            "RequestLimitExceeded", "ThrottlingException", "Throttling", "TooManyRequestsException",
            "LimitExceededException", "TransactionInProgressException", "InternalServerError",
            "ServiceUnavailable", "TransactionConflictException", "RequestLimitExceededException",
            "InternalServerErrorException", "ServiceUnavailableException");

    private AwsFaults() {}

    /** The first transient AWS fault in the cause chain, or null when there is none. */
    public static RuntimeException transientCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof Throttled throttled) {
                return throttled;
            }
            if (t instanceof SdkClientException client) {
                return client; // no answer at all: connection refused or reset, timeouts, DNS
            }
            if (t instanceof TransactionCanceledException cancelled) {
                return isConflictOnly(cancelled.cancellationReasons()) ? cancelled : null;
            }
            if (t instanceof AwsServiceException service) {
                if (service.isThrottlingException() || service.statusCode() >= 500
                        || THROTTLING_CODES.contains(service.getClass().getSimpleName())
                        || (service.awsErrorDetails() != null
                        && THROTTLING_CODES.contains(service.awsErrorDetails().errorCode()))) {
                    return service;
                }
                return null;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    public static boolean isTransient(Throwable error) {
        return transientCause(error) != null;
    }

    /** A transaction cancelled only by concurrent writes (not by a failed condition) may be tried again. */
    private static boolean isConflictOnly(List<CancellationReason> reasons) {
        if (reasons == null || reasons.isEmpty()) {
            return false;
        }
        boolean conflict = false;
        for (CancellationReason r : reasons) {
            String code = r.code();
            if ("TransactionConflict".equals(code) || "ThrottlingError".equals(code)
                    || "ProvisionedThroughputExceeded".equals(code)) {
                conflict = true;
            } else if (code != null && !"None".equals(code)) {
                return false;
            }
        }
        return conflict;
    }

    /** DynamoDB kept part of a batch unprocessed through every retry: throttled, in effect. */
    public static final class Throttled extends RuntimeException {
        public Throttled(String message) {
            super(message);
        }
    }
}
