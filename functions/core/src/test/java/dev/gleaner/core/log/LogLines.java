package dev.gleaner.core.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: the JSON lines {@link StructuredLog} printed into a captured stream. */
public final class LogLines {
    private LogLines() {}

    public static List<JsonNode> of(ByteArrayOutputStream out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(Json.parse(l));
            }
        }
        return lines;
    }
}
