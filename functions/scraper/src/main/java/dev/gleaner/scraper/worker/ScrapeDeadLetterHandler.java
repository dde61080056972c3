package dev.gleaner.scraper.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/**
 * Consumes the scrape dead-letter queue: a message lands there when the worker kept crashing or
 * timing out on it, so its task would otherwise stay running forever. The task is marked failed
 * with a readable error (a task already finished is left as it is).
 */
public final class ScrapeDeadLetterHandler extends ScrapeQueueHandler {
    /** The function's logical id in template.yaml. */
    public static final String FUNCTION = "ScrapeDeadLetterFunction";

    public ScrapeDeadLetterHandler() {
        this(ScrapeWorkerHandler.environmentWorker());
    }

    public ScrapeDeadLetterHandler(ScrapeWorker worker) {
        super(worker, FUNCTION);
    }

    @Override
    protected void handle(String taskId, SQSEvent.SQSMessage message) {
        worker.failFromDeadLetter(taskId);
    }
}
