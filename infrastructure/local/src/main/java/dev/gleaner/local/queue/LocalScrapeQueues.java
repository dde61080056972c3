package dev.gleaner.local.queue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.gleaner.core.log.StructuredLog;
import dev.gleaner.embedded.EmbeddedSqs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The scrape queue and its dead-letter queue on an embedded SQS-compatible server (ElasticMQ),
 * with pollers that play Lambda's SQS event source: batches of up to 10 messages go to the same
 * handler classes; messages reported as batch failures stay and come back after the visibility
 * timeout; after the max receive count SQS moves them to the dead-letter queue.
 */
public final class LocalScrapeQueues implements AutoCloseable {
    private final EmbeddedSqs sqs;
    private final String queueUrl;
    private final String deadLetterUrl;
    private final ExecutorService pollers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "sqs-poller");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;

    public LocalScrapeQueues(int visibilityTimeoutSeconds, int maxReceives) {
        this.sqs = EmbeddedSqs.start();
        SqsClient client = sqs.client();
        this.deadLetterUrl = client.createQueue(b -> b.queueName("gleaner-scrape-dlq")).queueUrl();
        String dlqArn = client.getQueueAttributes(b -> b.queueUrl(deadLetterUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        this.queueUrl = client.createQueue(b -> b.queueName("gleaner-scrape").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"" + maxReceives + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}"))).queueUrl();
    }

    public SqsClient client() {
        return sqs.client();
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String deadLetterUrl() {
        return deadLetterUrl;
    }

    /** Starts delivering both queues to their handlers. */
    public void start(RequestHandler<SQSEvent, SQSBatchResponse> worker, RequestHandler<SQSEvent, SQSBatchResponse> deadLetters) {
        pollers.submit(() -> poll(queueUrl, worker));
        pollers.submit(() -> poll(deadLetterUrl, deadLetters));
    }

    private void poll(String url, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        while (running) {
            try {
                ReceiveMessageResponse r = sqs.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP));
                if (r.messages().isEmpty()) {
                    continue;
                }
                SQSBatchResponse result = handler.handleRequest(event(r.messages()), null);
                Set<String> failed = new HashSet<>();
                if (result != null && result.getBatchItemFailures() != null) {
                    result.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
                }
                List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
                for (Message m : r.messages()) {
                    if (!failed.contains(m.messageId())) {
                        done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
                    }
                }
                if (!done.isEmpty()) {
                    sqs.client().deleteMessageBatch(b -> b.queueUrl(url).entries(done));
                }
            } catch (RuntimeException e) {
                if (running) {
                    StructuredLog.error("local SQS poller error", null, e);
                    sleepQuietly(500);
                }
            }
        }
    }

    /** The event Lambda's SQS integration would deliver. */
    static SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage s = new SQSEvent.SQSMessage();
            s.setMessageId(m.messageId());
            s.setReceiptHandle(m.receiptHandle());
            s.setBody(m.body());
            s.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            s.setAttributes(attributes);
            s.setEventSource("aws:sqs");
            s.setAwsRegion("local");
            records.add(s);
        }
        SQSEvent e = new SQSEvent();
        e.setRecords(records);
        return e;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        pollers.shutdownNow();
        try {
            pollers.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sqs.close();
    }
}
