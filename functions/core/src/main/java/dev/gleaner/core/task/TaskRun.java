package dev.gleaner.core.task;

import java.util.Map;

/** Everything a workflow step needs about a task, read in one request: the task, its secrets, one category's state. */
public record TaskRun(CollectionTask task, Secrets secrets, Map<String, Object> categoryState) {}
