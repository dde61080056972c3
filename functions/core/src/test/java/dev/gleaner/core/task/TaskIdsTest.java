package dev.gleaner.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The task-id message (SQS body, execution input) and execution names read back as they are written. */
class TaskIdsTest {
    private static final String ID = "550e8400-e29b-41d4-a716-446655440000";

    @Test
    void aMessageCarriesItsTaskIdAndNothingElse() {
        assertEquals("{\"task_id\":\"" + ID + "\"}", TaskIds.message(ID));
        assertEquals(Optional.of(ID), TaskIds.fromMessage(TaskIds.message(ID)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{}", "{\"task_id\": \"\"}", "{\"task_id\": \"  \"}", "[1]", "{\"id\": \"x\"}"})
    void aMessageWithoutATaskIdReadsAsEmpty(String message) {
        assertTrue(TaskIds.fromMessage(message).isEmpty(), message);
    }

    @Test
    void anExecutionNameNamesItsTaskBeforeAndAfterResumes() {
        assertEquals(ID, CollectionTask.executionName(ID, 0));
        assertEquals(ID + ".r2", CollectionTask.executionName(ID, 2));
        for (int resumes : new int[] {0, 1, 12}) {
            assertEquals(ID, CollectionTask.taskIdOfExecution(CollectionTask.executionName(ID, resumes)));
        }
    }
}
