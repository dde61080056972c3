package dev.gleaner.bench.probe.crac;

/** The resource interface of the stand-in CRaC implementation that org.crac forwards to (see {@link Core}). */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
