package dev.gleaner.collectors;

import dev.gleaner.collectors.support.CallContext;
import dev.gleaner.collectors.support.CallCursor;
import dev.gleaner.collectors.support.Fields;
import dev.gleaner.collectors.support.Redactor;
import dev.gleaner.collectors.support.SourceHttp;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import java.util.Objects;

/**
 * What the three source collectors share: their platform (whose id names the source in errors and
 * metrics), the options they talk to the source with, field reading, and batch calls that stream
 * their pages and resume the cursor's 404 streak.
 */
public abstract class SourceCollector implements Collector {
    private final Platform platform;
    protected final CollectorOptions options;
    /** Reads the source's JSON, naming the source in what it throws. */
    protected final Fields f;

    protected SourceCollector(Platform platform, CollectorOptions options) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.options = Objects.requireNonNull(options, "options");
        this.f = new Fields(platform.id());
    }

    @Override
    public final Platform platform() {
        return platform;
    }

    @Override
    public final BatchResult collectBatch(BatchRequest req) throws SourceException {
        return collectBatch(req, PageSink.NONE);
    }

    @Override
    public abstract BatchResult collectBatch(BatchRequest req, PageSink pages) throws SourceException;

    /** A batch call's context, resuming the 404 streak {@code cursor} carries. */
    protected final CallContext call(BatchRequest req, CallCursor cursor) {
        return new CallContext(new SourceHttp(platform.id(), options), new Redactor(req.secrets()), cursor);
    }

    /** The context of a call outside a batch (planning): no streak to resume. */
    protected final CallContext call(Secrets secrets) {
        return new CallContext(new SourceHttp(platform.id(), options), new Redactor(secrets), 0, 0);
    }
}
