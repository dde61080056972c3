package dev.gleaner.asl;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs something after a delay: Wait states, retry intervals and time-outs. Tasks given here only
 * hand work over to the worker pool, so one timer thread is enough. Injectable so that tests can
 * observe the computed delays without waiting for them.
 */
interface DelayScheduler {
    enum Kind { WAIT, RETRY, TASK_TIMEOUT, EXECUTION_TIMEOUT }

    interface Handle {
        void cancel();
    }

    Handle schedule(Kind kind, long delayNanos, Runnable task);

    void shutdown();

    static DelayScheduler system() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "asl-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return new DelayScheduler() {
            @Override
            public Handle schedule(Kind kind, long delayNanos, Runnable task) {
                if (delayNanos <= 0) {
                    task.run();
                    return () -> { };
                }
                try {
                    Future<?> f = timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                    return () -> f.cancel(false);
                } catch (RejectedExecutionException closed) {
                    return () -> { };
                }
            }

            @Override
            public void shutdown() {
                timer.shutdownNow();
            }
        };
    }
}
