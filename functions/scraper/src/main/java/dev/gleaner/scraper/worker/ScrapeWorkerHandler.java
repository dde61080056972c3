package dev.gleaner.scraper.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.gleaner.aws.clients.AwsClients;
import dev.gleaner.aws.scrape.DynamoScrapeStore;
import dev.gleaner.aws.translate.AmazonTranslator;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.config.Lazy;
import dev.gleaner.core.scrape.Translator;
import dev.gleaner.safehttp.SafeHttpClient;
import java.time.Clock;

/**
 * The SQS-triggered worker: each message carries {@code {"task_id"}} only. Messages that should be
 * retried are reported as partial batch failures (the rest of the batch is deleted); after
 * {@code SCRAPE_MAX_RECEIVES} deliveries the task is failed instead, and a message that still
 * fails lands in the dead-letter queue.
 */
public final class ScrapeWorkerHandler extends ScrapeQueueHandler {
    /** The function's logical id in template.yaml. */
    public static final String FUNCTION = "ScrapeWorkerFunction";
    private static final Lazy<ScrapeWorker> FROM_ENV = Lazy.of(ScrapeWorkerHandler::fromEnvironment);

    public ScrapeWorkerHandler() {
        this(FROM_ENV.get());
    }

    /** The worker built from the environment, once per container. */
    static ScrapeWorker environmentWorker() {
        return FROM_ENV.get();
    }

    public ScrapeWorkerHandler(ScrapeWorker worker) {
        super(worker, FUNCTION);
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
    protected void handle(String taskId, SQSEvent.SQSMessage message) {
        worker.process(taskId, receiveCount(message));
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        try {
            return Integer.parseInt(message.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
