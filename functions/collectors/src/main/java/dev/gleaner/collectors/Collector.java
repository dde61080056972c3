package dev.gleaner.collectors;

import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import java.util.List;

/**
 * One collection source. The workflow calls {@link #plan} once per task, then
 * {@link #collectBatch} repeatedly per category (a bounded amount of work per call) while the
 * result says {@code hasMore}, passing back the cursor it received.
 */
public interface Collector {
    Platform platform();

    /**
     * The categories to run, in order. Babitalk/GangnamUnni: request.categories() (every category
     * when empty). Naver: the cafe's article boards (menus API; menu types P, L and F and menus
     * that are not article boards are skipped), filtered to request.menuIds() when given; key = menu
     * id, name = board name (HTML-unescaped).
     */
    List<CategoryPlan> plan(CollectionRequest request, Secrets secrets) throws SourceException;

    /** Collects at most a few list pages of one category and says where to resume. */
    BatchResult collectBatch(BatchRequest request) throws SourceException;

    /**
     * The same, handing each list page's records to {@code pages} when the collector starts on the
     * next list page of the call, so that the caller can store them meanwhile (the last page's
     * records are only in the result). A collector that does not stream hands nothing over: the
     * caller then stores everything the result holds.
     */
    default BatchResult collectBatch(BatchRequest request, PageSink pages) throws SourceException {
        return collectBatch(request);
    }
}
