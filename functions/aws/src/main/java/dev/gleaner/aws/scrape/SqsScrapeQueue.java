package dev.gleaner.aws.scrape;

import dev.gleaner.core.scrape.ScrapeQueue;
import dev.gleaner.core.task.TaskIds;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends {@code {"task_id": ...}} to the scrape queue: never the URL's secrets, never the proxy. */
public record SqsScrapeQueue(SqsClient sqs, String queueUrl) implements ScrapeQueue {
    public SqsScrapeQueue {
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void send(String taskId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(TaskIds.message(taskId)));
    }
}
