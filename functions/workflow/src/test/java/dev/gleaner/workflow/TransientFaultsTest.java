package dev.gleaner.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.aws.errors.AwsFaults;
import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.embedded.EmbeddedDynamo;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.workflow.callback.CallbackSender;
import dev.gleaner.workflow.errors.TransientServiceError;
import dev.gleaner.workflow.steps.MarkRunningHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** AWS faults inside a handler: the transient ones become the error type every Task state retries. */
class TransientFaultsTest {
    private static RuntimeException service(int status, String code) {
        return DynamoDbException.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder().message("cancelled")
                .cancellationReasons(Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build())
                        .toList()).build();
    }

    @Test
    void throttlingServerErrorsAndNetworkFailuresAreTransientEverythingElseIsNot() {
        List<RuntimeException> transientFaults = List.of(
                ProvisionedThroughputExceededException.builder().statusCode(400).message("slow down").build(),
                service(400, "ThrottlingException"),
                service(400, "RequestLimitExceeded"),
                service(500, "InternalServerError"),
                service(503, "ServiceUnavailable"),
                SdkClientException.create("Unable to execute HTTP request: Connection reset"),
                cancelled("None", "TransactionConflict"),
                new AwsFaults.Throttled("kept unprocessed"),
                new IllegalStateException("wrapped", service(500, "InternalServerError")));
        List<RuntimeException> permanent = List.of(
                ConditionalCheckFailedException.builder().statusCode(400).message("condition").build(),
                ResourceNotFoundException.builder().statusCode(400).message("no table").build(),
                service(400, "ValidationException"),
                service(403, "AccessDeniedException"),
                cancelled("ConditionalCheckFailed", "None"),
                new IllegalArgumentException("a bug"));
        transientFaults.forEach(e -> assertTrue(AwsFaults.isTransient(e), e.toString()));
        permanent.forEach(e -> assertFalse(AwsFaults.isTransient(e), e.toString()));
    }

    /** A DynamoDB client on DynamoDB Local whose every call fails with {@code fault}, before it is sent. */
    private static DynamoDbClient failing(Supplier<RuntimeException> fault) {
        return EmbeddedDynamo.shared().client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                throw fault.get();
            }
        });
    }

    private static WorkflowContext contextOver(DynamoDbClient ddb) {
        Clock clock = Clock.systemUTC();
        return new WorkflowContext(new DynamoTaskStore(ddb, "tasks", clock),
                new DynamoSemaphore(ddb, "semaphore", 10, clock), new DynamoRecordStore(ddb, "records"), p -> null,
                new CallbackSender(SafeHttpClient.shared(), () -> "key"), clock);
    }

    /** MarkRunning through Lambda's byte-stream entry, on the given context. */
    private static void invoke(WorkflowContext ctx) throws Exception {
        new MarkRunningHandler().handleStream(ctx, new ByteArrayInputStream("{\"task_id\": \"t-1\", \"execution\": \"t-1\"}"
                .getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    @Test
    void aThrottledStepFailsWithTheRetryableErrorTypeAndAPermanentFaultPassesThrough() {
        WorkflowContext throttled = contextOver(failing(() -> ProvisionedThroughputExceededException.builder()
                .statusCode(400).message("slow down (injected)").build()));
        TransientServiceError e = assertThrows(TransientServiceError.class, () -> invoke(throttled));
        assertTrue(e.getMessage().contains("ProvisionedThroughputExceededException"), e.getMessage());
        assertEquals("dev.gleaner.workflow.errors.TransientServiceError", e.getClass().getName(),
                "the name the definition's retriers match");

        WorkflowContext missingTable = contextOver(failing(() -> ResourceNotFoundException.builder()
                .statusCode(400).message("no such table (injected)").build()));
        assertThrows(ResourceNotFoundException.class, () -> invoke(missingTable), "a permanent fault is not retried");
    }
}
