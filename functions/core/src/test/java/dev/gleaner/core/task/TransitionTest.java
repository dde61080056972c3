package dev.gleaner.core.task;

import static dev.gleaner.core.task.TaskStatus.CANCELLED;
import static dev.gleaner.core.task.TaskStatus.COMPLETED;
import static dev.gleaner.core.task.TaskStatus.FAILED;
import static dev.gleaner.core.task.TaskStatus.PENDING;
import static dev.gleaner.core.task.TaskStatus.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one table of status changes, as a table: every row, and the rules it must keep. */
class TransitionTest {
    @Test
    void theTableIsExactlyThis() {
        Map<Transition, String> expected = new LinkedHashMap<>();
        expected.put(Transition.RUN, "[PENDING] -> RUNNING");
        expected.put(Transition.COMPLETE, "[RUNNING] -> COMPLETED");
        expected.put(Transition.FAIL, "[PENDING, RUNNING] -> FAILED");
        expected.put(Transition.CANCEL, "[PENDING, RUNNING] -> CANCELLED");
        expected.put(Transition.RESUME, "[FAILED, CANCELLED] -> PENDING");
        expected.put(Transition.REQUEUE, "[PENDING, RUNNING] -> PENDING");
        expected.put(Transition.SCRAPE_RUN, "[PENDING, RUNNING] -> RUNNING");
        expected.put(Transition.SCRAPE_COMPLETE, "[RUNNING] -> COMPLETED");
        expected.put(Transition.SCRAPE_FAIL, "[PENDING, RUNNING] -> FAILED");
        Map<Transition, String> actual = new LinkedHashMap<>();
        for (Transition t : Transition.values()) {
            actual.put(t, t.from() + " -> " + t.to());
        }
        assertEquals(expected, actual);
    }

    @Test
    void aCompletedTaskNeverChangesAndOnlyAResumeLeavesFailedOrCancelled() {
        for (Transition t : Transition.values()) {
            assertFalse(t.appliesTo(COMPLETED), t + " must not start from completed");
            if (t.appliesTo(FAILED) || t.appliesTo(CANCELLED)) {
                assertEquals(Transition.RESUME, t, t + " leaves a final status");
            }
        }
    }

    @Test
    void scrapesNeverResumeOrCancelAndEveryKindReachesEveryFinalStatusItHas() {
        Set<TaskStatus> scrapeTargets = EnumSet.noneOf(TaskStatus.class);
        Set<TaskStatus> collectionTargets = EnumSet.noneOf(TaskStatus.class);
        for (Transition t : Transition.values()) {
            (t.kind() == Transition.Kind.SCRAPE ? scrapeTargets : collectionTargets).add(t.to());
        }
        assertEquals(EnumSet.of(RUNNING, COMPLETED, FAILED), scrapeTargets);
        assertEquals(EnumSet.allOf(TaskStatus.class), collectionTargets);
    }

    @Test
    void finishingFindsTheTransitionOfEachFinalStatus() {
        assertEquals(Transition.COMPLETE, Transition.finishing(Transition.Kind.COLLECTION, COMPLETED));
        assertEquals(Transition.FAIL, Transition.finishing(Transition.Kind.COLLECTION, FAILED));
        assertEquals(Transition.CANCEL, Transition.finishing(Transition.Kind.COLLECTION, CANCELLED));
        assertEquals(Transition.SCRAPE_FAIL, Transition.finishing(Transition.Kind.SCRAPE, FAILED));
        assertThrows(IllegalArgumentException.class, () -> Transition.finishing(Transition.Kind.SCRAPE, CANCELLED));
        assertThrows(IllegalArgumentException.class, () -> Transition.finishing(Transition.Kind.COLLECTION, PENDING));
    }

    @Test
    void fromIsACopy() {
        Transition.RUN.from().add(COMPLETED);
        assertTrue(Transition.RUN.from().equals(EnumSet.of(PENDING)));
    }
}
