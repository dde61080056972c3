package dev.gleaner.core.task;

/** A page request for {@code GET /tasks}: optional filters, a page size and an opaque token. */
public record TaskQuery(TaskStatus status, Platform platform, int limit, String nextToken) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
}
