package dev.gleaner.scraper.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.gleaner.aws.clients.AwsClients;
import dev.gleaner.aws.scrape.DynamoScrapeStore;
import dev.gleaner.aws.translate.AmazonTranslator;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.config.Lazy;
import dev.gleaner.core.log.LogContext;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.core.scrape.Translator;
import dev.gleaner.safehttp.SafeHttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQS-triggered worker: each message carries {@code {"task_id"}} only. Messages that should be
 * retried are reported as partial batch failures (the rest of the batch is deleted); after
 * {@code SCRAPE_MAX_RECEIVES} deliveries the task is failed instead, and a message that still
 * fails lands in the dead-letter queue.
 */
public final class ScrapeWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The function's logical id in template.yaml. */
    public static final String FUNCTION = "ScrapeWorkerFunction";
    private static final Lazy<ScrapeWorker> FROM_ENV = Lazy.of(ScrapeWorkerHandler::fromEnvironment);

    private final ScrapeWorker worker;

    public ScrapeWorkerHandler() {
        this(FROM_ENV.get());
    }

    /** The worker built from the environment, once per container. */
    static ScrapeWorker environmentWorker() {
        return FROM_ENV.get();
    }

    public ScrapeWorkerHandler(ScrapeWorker worker) {
        this.worker = worker;
    }

    private static ScrapeWorker fromEnvironment() {
        Clock clock = Clock.systemUTC();
        Translator translator = Boolean.parseBoolean(Env.getOrDefault(Env.TRANSLATE_ENABLED, "false"))
                ? new AmazonTranslator(AwsClients.translate()) : Translator.NONE;
        return new ScrapeWorker(new DynamoScrapeStore(AwsClients.dynamo(), Env.require(Env.SCRAPE_TABLE), clock),
                SafeHttpClient.shared(), translator, clock, maxReceives());
    }

    public static int maxReceives() {
        try {
            return Math.max(1, Integer.parseInt(Env.getOrDefault(Env.SCRAPE_MAX_RECEIVES, "3")));
        } catch (NumberFormatException e) {
            return 3;
        }
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try (LogContext.Scope scope = LogContext.invocation(context == null ? null : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId(), FUNCTION)) {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                String taskId = TaskMessages.taskId(message).orElse(null);
                LogContext.put(LogContext.TASK_ID, taskId);
                if (taskId == null) {
                    continue; // retrying cannot fix it
                }
                try {
                    worker.process(taskId, receiveCount(message));
                } catch (ScrapeWorker.RetryLater e) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                } catch (Exception e) {
                    StructuredLog.error("scrape worker error", taskId, e);
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        try {
            return Integer.parseInt(message.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
