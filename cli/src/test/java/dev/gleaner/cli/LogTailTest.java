package dev.gleaner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gleaner.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTailTest {
    private static ArrayNode logs(String... lines) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (String l : lines) {
            a.add(l);
        }
        return a;
    }

    @Test
    void newLinesAtTheEndOfAWindowThatDropsOldOnes() {
        List<String> shown = new ArrayList<>();
        assertEquals(List.of("a", "b"), LogTail.added(shown, logs("a", "b")));
        assertEquals(List.of(), LogTail.added(shown, logs("a", "b")));
        assertEquals(List.of("c"), LogTail.added(shown, logs("a", "b", "c")));
        // The API keeps the newest lines only: "a" dropped off, "d" and "e" came.
        assertEquals(List.of("d", "e"), LogTail.added(shown, logs("b", "c", "d", "e")));
        // Everything replaced between two reads: all of it is new.
        assertEquals(List.of("x", "y"), LogTail.added(shown, logs("x", "y")));
        assertEquals(List.of(), LogTail.added(shown, null));
    }
}
