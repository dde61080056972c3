package dev.gleaner.scraper.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the scrape dead-letter queue: a message lands there when the worker kept crashing or
 * timing out on it, so its task would otherwise stay running forever. The task is marked failed
 * with a readable error (a task already finished is left as it is).
 */
public final class ScrapeDeadLetterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The function's logical id in template.yaml. */
    public static final String FUNCTION = "ScrapeDeadLetterFunction";

    private final ScrapeWorker worker;

    public ScrapeDeadLetterHandler() {
        this(ScrapeWorkerHandler.environmentWorker());
    }

    public ScrapeDeadLetterHandler(ScrapeWorker worker) {
        this.worker = worker;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try (LogContext.Scope scope = LogContext.invocation(context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId(), FUNCTION)) {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                try {
                    String taskId = TaskMessages.taskId(message).orElse(null);
                    LogContext.put(LogContext.TASK_ID, taskId);
                    if (taskId != null) {
                        worker.failFromDeadLetter(taskId);
                    }
                } catch (Exception e) {
                    StructuredLog.error("dead-letter handling failed", null, e);
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
        }
        return new SQSBatchResponse(failures);
    }
}
