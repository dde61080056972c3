package dev.gleaner.bench.probe.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The global context of the stand-in CRaC implementation: notifies its resources as a CRaC runtime
 * does, {@code beforeCheckpoint} in the reverse order of registration, {@code afterRestore} in order.
 */
public class Context<R extends Resource> implements Resource {
    private final List<R> resources = new ArrayList<>();

    public synchronized void register(R resource) {
        resources.add(resource);
    }

    public synchronized int size() {
        return resources.size();
    }

    @Override
    public synchronized void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).beforeCheckpoint(this);
        }
    }

    @Override
    public synchronized void afterRestore(Context<? extends Resource> context) throws Exception {
        for (R r : resources) {
            r.afterRestore(this);
        }
    }
}
