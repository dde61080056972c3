package dev.gleaner.checks;

import dev.gleaner.aws.records.DynamoRecordStore;
import dev.gleaner.aws.scrape.DynamoScrapeStore;
import dev.gleaner.aws.slots.DynamoSemaphore;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.core.scrape.ScrapeOutcome;
import dev.gleaner.core.scrape.ScrapeRequestParser;
import dev.gleaner.core.scrape.ScrapeTask;
import dev.gleaner.core.task.CollectionRequestParser;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Timestamps;
import dev.gleaner.core.workflow.CollectionSlots;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The state an event expects to find (the task it names, a slot it holds, a scrape waiting in the
 * queue), written with the code's own stores into the same tables the deployed functions use, and
 * the stores again to check what a function did.
 */
final class Seeds {
    final Clock clock = Clock.systemUTC();
    final DynamoTaskStore tasks;
    final DynamoSemaphore slots;
    final DynamoRecordStore records;
    final DynamoScrapeStore scrapes;
    private final LocalDeployment deployment;

    Seeds(LocalDeployment d) {
        this.deployment = d;
        tasks = new DynamoTaskStore(d.tables.client(), d.tables.tasks(), clock);
        slots = new DynamoSemaphore(d.tables.client(), d.tables.semaphore(),
                Integer.parseInt(d.intrinsics.parameter("MaxRunningCollections")), clock);
        records = new DynamoRecordStore(d.tables.client(), d.tables.records());
        scrapes = new DynamoScrapeStore(d.tables.client(), d.tables.scrape(), clock);
    }

    /** A pending collection task with this id, from a request body as a client would send it. */
    Seeds pending(String id, Platform platform, String body) {
        return pendingSince(id, platform, body, clock.instant());
    }

    /** A pending collection task created (and queued) at {@code since}. */
    Seeds pendingSince(String id, Platform platform, String body, Instant since) {
        CollectionRequestParser.Parsed parsed = CollectionRequestParser.parse(platform, EventCatalog.parse(body),
                LocalDate.now(clock.withZone(Timestamps.SEOUL)));
        tasks.create(CollectionTask.pending(id, parsed.request(), since), parsed.secrets());
        return this;
    }

    /** What DescribeExecution answers for the task's first execution. */
    Seeds execution(String id, String status) {
        deployment.aws.execution(LocalDeployment.stateMachineArn("CollectionStateMachine")
                .replace(":stateMachine:", ":execution:") + ":" + id, status);
        return this;
    }

    Seeds running(String id) {
        if (!tasks.markRunning(id, null, clock.instant(), "수집 준비 중...", Timestamps.logLine(clock.instant(), "데이터 수집 시작"))) {
            throw new IllegalStateException("could not mark " + id + " running");
        }
        return this;
    }

    /** The task's first execution holds a slot, as AcquireSlot leaves it. */
    Seeds holdingSlot(String id) {
        if (!slots.poll(id, id, clock.instant().plusSeconds(3600), true).map(CollectionSlots.Admission::held).orElse(false)) {
            throw new IllegalStateException("no slot for " + id);
        }
        return this;
    }

    /** The task waits in the queue with a ticket (all slots taken by others). */
    Seeds queued(String id) {
        for (int i = slots.holderCount(); i < slots.maxHolders(); i++) {
            String blocker = "blocker-" + id.substring(0, 8) + "-" + i;
            slots.poll(blocker, blocker, clock.instant().plusSeconds(3600), true);
        }
        if (slots.poll(id, id, clock.instant().plusSeconds(3600), true).map(CollectionSlots.Admission::held).orElse(true)) {
            throw new IllegalStateException("the queue did not hold " + id);
        }
        return this;
    }

    /** Frees the slots {@link #queued} filled. */
    Seeds unblocked(String id) {
        slots.holders().keySet().stream().filter(t -> t.startsWith("blocker-" + id.substring(0, 8))).forEach(slots::release);
        return this;
    }

    Seeds cancelled(String id) {
        tasks.finish(id, TaskStatus.CANCELLED, null, null, "취소됨",
                Timestamps.logLine(clock.instant(), "사용자 요청으로 작업 취소"), clock.instant())
                .orElseThrow(() -> new IllegalStateException("could not cancel " + id));
        return this;
    }

    /** The callback URL of the fixture server's receiver, for request bodies. */
    String hook() {
        return deployment.fixtures.url(FixtureServer.HOOK_PATH);
    }

    /** A pending scrape task for a page on the fixture server. */
    Seeds pendingScrape(String id, String path, String targetLanguage) {
        String body = Json.write(targetLanguage == null ? Map.of("url", deployment.fixtures.url(path))
                : Map.of("url", deployment.fixtures.url(path), "target_language", targetLanguage));
        ScrapeRequestParser.Parsed parsed = ScrapeRequestParser.parse(EventCatalog.parse(body));
        scrapes.create(ScrapeTask.pending(id, parsed.request(), clock.instant()), parsed.proxy());
        return this;
    }

    Seeds runningScrape(String id) {
        if (!scrapes.markRunning(id, clock.instant())) {
            throw new IllegalStateException("could not mark scrape " + id + " running");
        }
        return this;
    }

    /** A finished scrape with a product, as the worker would leave it. */
    Seeds completedScrape(String id, String path) {
        pendingScrape(id, path, null).runningScrape(id);
        ProductInfo info = ProductInfo.builder().title("린넨 셔츠").price(new BigDecimal("39000")).currency("KRW")
                .availability("In Stock").images(List.of(deployment.fixtures.url("/images/linen-shirt.jpg"))).build();
        Instant now = clock.instant();
        scrapes.complete(id, new ScrapeOutcome(info, null, 0.0, List.of(), false), now)
                .orElseThrow(() -> new IllegalStateException("could not complete scrape " + id));
        return this;
    }
}
