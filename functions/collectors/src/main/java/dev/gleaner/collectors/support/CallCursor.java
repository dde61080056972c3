package dev.gleaner.collectors.support;

/**
 * What every collector's cursor carries from call to call besides its place in the lists: the
 * source's 404 streak and the long waits it has cost so far ({@link CallContext}'s policy).
 * Serialised with the rest of the cursor as {@code not_found} and {@code long_waits}.
 */
public abstract class CallCursor {
    public int notFound;
    public int longWaits;

    /** Takes the streak as the call leaves it, for the next call to resume with. */
    final void keep(CallContext ctx) {
        notFound = ctx.notFoundStreak();
        longWaits = ctx.longWaits();
    }
}
