package dev.gleaner.workflow.steps;

import dev.gleaner.collectors.PageSink;
import dev.gleaner.core.record.CollectedRecord;
import dev.gleaner.core.record.RecordStore;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores a CollectBatch call's pages while the collector fetches the next ones: page N is written
 * on a background thread while page N+1 is read, and at most one page is being stored at a time
 * (the collector waits before handing over the next one), so memory and DynamoDB load stay bounded
 * and pages are stored in order. The handler saves the cursor and progress only after
 * {@link #finish} has stored everything, so they never run ahead of what is stored.
 */
final class PagePipeline implements PageSink {
    /** Per container; idle threads end after a minute. Stores never outlive the invocation that started them. */
    private static final ExecutorService STORES = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "page-store-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    private final RecordStore.CallWriter writer;
    private Future<RecordStore.SaveResult> inFlight;
    private RecordStore.SaveResult saved = RecordStore.SaveResult.NONE;
    /** Records handed over so far: the call's result lists them first. */
    private int handedOver;

    PagePipeline(RecordStore.CallWriter writer) {
        this.writer = writer;
    }

    /** Called by the collector on its thread: waits for the previous page's store, then starts this one's. */
    @Override
    public void page(List<CollectedRecord> records) {
        awaitInFlight();
        handedOver += records.size();
        inFlight = STORES.submit(() -> writer.page(records));
    }

    /**
     * Stores the call's remaining records (those after the last page handed over: the last page)
     * once the page in flight is stored, then what the call's pages left pending.
     */
    RecordStore.SaveResult finish(List<CollectedRecord> allRecords) {
        awaitInFlight();
        if (handedOver < allRecords.size()) {
            saved = saved.plus(writer.page(allRecords.subList(handedOver, allRecords.size())));
        }
        writer.finish();
        return saved;
    }

    /** The call failed: lets the page in flight end (nothing runs on after the invocation); its own failure is secondary. */
    void abandon(Exception cause) {
        try {
            awaitInFlight();
        } catch (RuntimeException storeFailure) {
            cause.addSuppressed(storeFailure);
        }
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        Future<RecordStore.SaveResult> f = inFlight;
        inFlight = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    saved = saved.plus(f.get());
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the store is already running: wait for it regardless
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("storing a page failed", cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
