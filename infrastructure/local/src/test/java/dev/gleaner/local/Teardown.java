package dev.gleaner.local;

/** The end of a test class: what it started is closed in order, skipping what its set-up never got to start. */
public final class Teardown {
    private Teardown() {}

    public static void closeAll(AutoCloseable... started) throws Exception {
        for (AutoCloseable c : started) {
            if (c != null) {
                c.close();
            }
        }
    }
}
