package dev.gleaner.aws.scrape;

import dev.gleaner.core.json.Json;
import dev.gleaner.core.scrape.ScrapeQueue;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends {@code {"task_id": ...}} to the scrape queue: never the URL's secrets, never the proxy. */
public final class SqsScrapeQueue implements ScrapeQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsScrapeQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public static String body(String taskId) {
        return Json.write(Map.of("task_id", taskId));
    }

    @Override
    public void send(String taskId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(taskId)));
    }
}
