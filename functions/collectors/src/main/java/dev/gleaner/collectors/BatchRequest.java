package dev.gleaner.collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Secrets;
import java.time.Instant;
import java.util.Objects;

/**
 * One call's worth of work for one category.
 *
 * @param cursor null on the first call, else what the previous {@link BatchResult} returned
 *     (opaque JSON the collector owns)
 * @param alreadyCollected how many posts this category has collected so far (to respect the
 *     limit exactly)
 * @param now the fetch time; relative dates ("3일전") resolve against it
 */
public record BatchRequest(
        CollectionRequest request,
        String categoryKey,
        String categoryName,
        JsonNode cursor,
        int alreadyCollected,
        Secrets secrets,
        Instant now) {

    public BatchRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(categoryKey, "categoryKey");
        if (categoryName == null) {
            categoryName = categoryKey;
        }
        if (secrets == null) {
            secrets = Secrets.NONE;
        }
        if (now == null) {
            now = Instant.now();
        }
        if (cursor != null && (cursor.isNull() || cursor.isMissingNode())) {
            cursor = null;
        }
        alreadyCollected = Math.max(0, alreadyCollected);
    }

    /** Posts this category may still collect within the request's limit (no limit: Long.MAX_VALUE). */
    public long remaining() {
        int limit = request.limit();
        return limit > 0 ? (long) limit - alreadyCollected : Long.MAX_VALUE;
    }

    /** A first call (no cursor, nothing collected yet). */
    public static BatchRequest first(CollectionRequest request, String categoryKey, String categoryName,
            Secrets secrets, Instant now) {
        return new BatchRequest(request, categoryKey, categoryName, null, 0, secrets, now);
    }

    /** The call that follows {@code previous}, with this category's running post count. */
    public BatchRequest next(BatchResult previous, int collectedSoFar) {
        return new BatchRequest(request, categoryKey, categoryName, previous.nextCursor(), collectedSoFar, secrets, now);
    }
}
