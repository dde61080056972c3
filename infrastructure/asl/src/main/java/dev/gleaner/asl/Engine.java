package dev.gleaner.asl;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** What every execution of one {@link Executor} shares: threads, timer, invoker, options, listeners. */
final class Engine {
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    final StateMachine stateMachine;
    final TaskInvoker invoker;
    final ExecutorOptions options;
    final Clock clock;
    final DelayScheduler scheduler;
    private final ThreadPoolExecutor workers;
    /** Delivers status events in order, off the worker threads. */
    private final ExecutorService events;
    private final List<Consumer<ExecutionStatusEvent>> listeners = new CopyOnWriteArrayList<>();

    Engine(StateMachine stateMachine, TaskInvoker invoker, ExecutorOptions options, Clock clock,
            DelayScheduler scheduler) {
        this.stateMachine = stateMachine;
        this.invoker = invoker;
        this.options = options;
        this.clock = clock;
        this.scheduler = scheduler;
        this.workers = new ThreadPoolExecutor(options.maxThreads(), options.maxThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("asl-worker-"));
        this.workers.allowCoreThreadTimeOut(true);
        this.events = Executors.newSingleThreadExecutor(daemonThreads("asl-events-"));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    void execute(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException closed) {
            // The executor is shutting down; the execution has been aborted already.
        }
    }

    void addListener(Consumer<ExecutionStatusEvent> listener) {
        listeners.add(listener);
    }

    /** Tells the listeners, then releases whoever awaits the execution. */
    void notifyFinished(ExecutionStatusEvent event, Runnable afterwards) {
        Runnable deliver = () -> {
            try {
                for (Consumer<ExecutionStatusEvent> l : listeners) {
                    try {
                        l.accept(event);
                    } catch (RuntimeException | Error e) {
                        LOG.log(System.Logger.Level.WARNING, "execution status listener failed for "
                                + event.executionArn(), e);
                    }
                }
            } finally {
                afterwards.run();
            }
        };
        try {
            events.execute(deliver);
        } catch (RejectedExecutionException closed) {
            deliver.run();
        }
    }

    /** A retry interval, after scaling, never below the configured floor. */
    long retryDelayNanos(double seconds) {
        double scaled = seconds * options.retryScale() * 1e9;
        long floor = options.minRetryDelay().toNanos();
        return Math.max(floor, toNanos(scaled));
    }

    long waitDelayNanos(double seconds) {
        return Math.max(0, toNanos(seconds * options.waitScale() * 1e9));
    }

    private static long toNanos(double nanos) {
        if (!(nanos > 0)) {
            return 0;
        }
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
    }

    void shutdown() {
        scheduler.shutdown();
        workers.shutdownNow();
        events.shutdown();
        try {
            events.awaitTermination(5, TimeUnit.SECONDS);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
