package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * New lines of a task's log. The API keeps the newest 100 lines, so between two reads old lines
 * may have dropped off the front while new ones came at the end: the new ones follow the longest
 * end of what was shown that starts the current log.
 */
final class LogTail {
    private LogTail() {}

    /** The lines of {@code logs} not yet in {@code shown}; {@code shown} becomes {@code logs}. */
    static List<String> added(List<String> shown, JsonNode logs) {
        List<String> current = new ArrayList<>();
        if (logs != null && logs.isArray()) {
            logs.forEach(l -> current.add(l.asText()));
        }
        int overlap = 0;
        for (int k = Math.min(shown.size(), current.size()); k > 0; k--) {
            if (shown.subList(shown.size() - k, shown.size()).equals(current.subList(0, k))) {
                overlap = k;
                break;
            }
        }
        List<String> fresh = new ArrayList<>(current.subList(overlap, current.size()));
        shown.clear();
        shown.addAll(current);
        return fresh;
    }
}
