package dev.gleaner.core.task;

import java.util.List;

/** One page of tasks, newest first, and the token for the next page (null on the last). */
public record TaskPage(List<CollectionTask> tasks, String nextToken) {}
