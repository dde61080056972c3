package dev.gleaner.scraper.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.task.TaskIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of both scrape queue consumers (the worker and the dead-letter handler): each message
 * carries {@code {"task_id"}} only. A message whose handling fails is reported as a partial batch
 * failure, so SQS delivers it again; the rest of the batch is deleted.
 */
public abstract class ScrapeQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    protected final ScrapeWorker worker;
    private final String function;

    /** @param function the function's logical id in template.yaml (for the logs) */
    protected ScrapeQueueHandler(ScrapeWorker worker, String function) {
        this.worker = worker;
        this.function = function;
    }

    /**
     * One message's task. Throws {@link ScrapeWorker.RetryLater} to have the message delivered again,
     * any other exception to have it logged and delivered again.
     */
    protected abstract void handle(String taskId, SQSEvent.SQSMessage message);

    @Override
    public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try (LogContext.Scope scope = LogContext.invocation(context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId(), function)) {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                String taskId = taskId(message).orElse(null);
                LogContext.put(LogContext.TASK_ID, taskId);
                if (taskId == null) {
                    continue; // retrying cannot fix it
                }
                try {
                    handle(taskId, message);
                } catch (ScrapeWorker.RetryLater e) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                } catch (RuntimeException e) {
                    StructuredLog.error(function + " failed on a message; it is delivered again", taskId, e);
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
        }
        return new SQSBatchResponse(failures);
    }

    /**
     * The task id, or empty for a message no retry can fix (not JSON, no task id): it is logged and
     * then deleted, rather than cycling through the dead-letter queue forever.
     */
    private static Optional<String> taskId(SQSEvent.SQSMessage message) {
        Optional<String> id = TaskIds.fromMessage(message.getBody());
        if (id.isEmpty()) {
            StructuredLog.info("dropping a message without a task_id", null,
                    Map.of("message_id", String.valueOf(message.getMessageId())));
        }
        return id;
    }
}
