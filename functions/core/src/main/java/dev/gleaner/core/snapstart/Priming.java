package dev.gleaner.core.snapstart;

import dev.gleaner.core.log.StructuredLog;
import java.util.Map;
import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda takes a function's snapshot it calls every registered
 * {@code org.crac} resource's {@link #beforeCheckpoint}; this one runs the handler's own path once
 * (JSON, the SDK client's marshalling and HTTP client, our classes) on a request that reads but never
 * writes, so the snapshot holds those classes loaded and initialised and the first call after a
 * restore does not pay for them. Without a CRaC runtime (the local runner, tests, a JVM without
 * SnapStart) {@code org.crac} ignores the registration and nothing runs.
 *
 * <p>A priming that fails is logged and the snapshot is taken anyway: priming is an optimisation,
 * never a reason for a function not to start.
 */
public record Priming(String name, Runnable prime) implements Resource {
    public Priming {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prime, "prime");
    }

    /**
     * Registers {@code prime} to run before the snapshot. Keep the returned object as long as the
     * handler (a field of it): {@code org.crac} holds resources only weakly.
     */
    public static Priming register(String name, Runnable prime) {
        Priming p = new Priming(name, prime);
        Core.getGlobalContext().register(p);
        return p;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long t0 = System.nanoTime();
        try {
            prime.run();
            StructuredLog.info("SnapStart priming done", null,
                    Map.of("handler", name, "millis", (System.nanoTime() - t0) / 1_000_000));
        } catch (RuntimeException e) {
            StructuredLog.warn("SnapStart priming of " + name + " failed; the snapshot is taken without it", null, e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to reopen: the SDK's HTTP client reconnects on its own after a restore.
    }
}
