package dev.gleaner.bench.probe.crac;

/**
 * A stand-in CRaC implementation for the cold-start benchmark. {@code org.crac} (0.1.3) forwards
 * registrations to the package named by the system property {@code org.crac.Core.Compat} when the
 * JVM has no {@code jdk.crac}/{@code javax.crac}; the probe names this one, then calls the global
 * context's {@code beforeCheckpoint} and {@code afterRestore} as Lambda's runtime does around a
 * SnapStart snapshot. Nothing is checkpointed: the priming runs in the same JVM that is then invoked.
 */
public final class Core {
    private static final Context<Resource> GLOBAL = new Context<>();

    private Core() {}

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    public static void checkpointRestore() throws CheckpointException, RestoreException {
        throw new UnsupportedOperationException("the benchmark's stand-in takes no snapshot");
    }
}
