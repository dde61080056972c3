package dev.gleaner.core.scrape;

/** Hands a scrape task to the worker. The message carries the task id only. */
@FunctionalInterface
public interface ScrapeQueue {
    void send(String taskId);
}
