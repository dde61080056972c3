package dev.gleaner.checks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event of the {@link EventCatalog}, run once per JVM in catalog order against the shared
 * {@link LocalDeployment}. Tests read the outcomes (and the calls and environment reads they left)
 * instead of running the events again.
 */
final class Replay {
    /**
     * A case's outcome, what went wrong while preparing it, and the verdict of its expectations,
     * taken right after the invocation (later events change the same tasks).
     */
    record Run(EventCatalog.Case c, EventCatalog.Outcome outcome, RuntimeException setupFailure, Throwable verdict) {}

    private static Replay done;

    final LocalDeployment deployment;
    final Seeds seeds;
    final Map<String, Run> runs = new LinkedHashMap<>();

    private Replay() {
        deployment = LocalDeployment.shared();
        seeds = new Seeds(deployment);
        List<EventCatalog.Case> cases = EventCatalog.cases(deployment);
        for (EventCatalog.Case c : cases) {
            try {
                c.given().accept(seeds);
            } catch (RuntimeException e) {
                runs.put(c.file(), new Run(c, null, e, null));
                continue;
            }
            long started = System.nanoTime();
            LocalDeployment.Invocation inv = deployment.invoke(c.function(), Repo.read(c.file()));
            System.out.printf("replay: %-55s %-30s %5d ms%n", c.file(), c.function(), (System.nanoTime() - started) / 1_000_000);
            EventCatalog.Outcome outcome = new EventCatalog.Outcome(inv);
            Throwable verdict = null;
            try {
                c.then().accept(outcome, seeds);
            } catch (AssertionError | RuntimeException e) {
                verdict = e;
            }
            runs.put(c.file(), new Run(c, outcome, null, verdict));
        }
    }

    static synchronized Replay all() {
        if (done == null) {
            done = new Replay();
        }
        return done;
    }
}
