package dev.gleaner.bench.probe.crac;

/** Required by org.crac's forwarding (see {@link Core}). */
public class CheckpointException extends Exception {
    private static final long serialVersionUID = 1L;
}
