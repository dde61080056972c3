package dev.gleaner.cli;

import static dev.gleaner.cli.LocalApi.DATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.cli.api.Poller;
import dev.gleaner.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher (cli/gleaner, running the packaged jar) on a real pseudo-terminal against the local
 * runner: the live bar redraws in place and reaches 100%; Ctrl-C asks, and "y" cancels the task.
 * Runs after `package` (failsafe), when cli/target/gleaner.jar exists.
 */
class TerminalIT extends WithLocalApi {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Pattern TASK = Pattern.compile("task ([0-9a-f-]{36})");
    private static Map<String, String> env() {
        return Map.of("GLEANER_API_URL", api.url(), "TERM", "xterm-256color", "LANG", "C.UTF-8", "LC_ALL", "C.UTF-8");
    }

    /** The frames of the bar: what follows each carriage return, up to the next one or line end. */
    private static List<String> frames(String screen) {
        List<String> frames = new ArrayList<>();
        for (String line : screen.split("\n")) {
            String[] parts = line.split("\r");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].contains("%")) {
                    frames.add(parts[i]);
                }
            }
        }
        return frames;
    }

    @Test
    void theBarRedrawsInPlaceAndReachesOneHundredPercent() throws Exception {
        api.gate.close();
        // With a limit the total is known from the start: 3 posts × 2 categories.
        try (Pty pty = Pty.start(Path.of("").toAbsolutePath(), env(),
                "./gleaner collect babitalk --date " + DATE + " --categories reviews,talks --limit 3 --wait")) {
            // Held at the gate at 0%, the bar keeps redrawing (elapsed time ticks) on the same line.
            pty.waitFor("three frames of the bar", s -> frames(s).size() >= 3, LONG);
            api.gate.open();
            int code = pty.exitCode(LONG);
            String screen = pty.screen();
            assertEquals(0, code, Pty.visible(screen));

            List<String> frames = frames(screen);
            String last = frames.get(frames.size() - 1);
            assertTrue(last.contains("100%") && last.contains("6/6"), "last frame: " + last);
            // In place: the frames share one line (carriage returns, no newline between them)...
            Files.writeString(Path.of("target", "terminal-bar.txt"), screen);
            String barLine = Arrays.stream(screen.split("\n")).filter(l -> l.contains("\r") && l.contains("%"))
                    .findFirst().orElseThrow();
            assertTrue(frames(barLine).size() == frames.size(), "every frame on one line:\n" + Pty.visible(screen));
            // ...each as wide as the first (never wrapping onto a second line)...
            assertTrue(frames.stream().allMatch(f -> f.stripTrailing().length() <= 80), Pty.visible(screen));
            assertTrue(frames.get(0).matches("Babitalk\\s+0% .* 0/6 \\(0:00:\\d\\d / \\?\\).*"), "first frame: " + frames.get(0));
            // ...then the outcome, per category, below the finished bar.
            Matcher m = TASK.matcher(screen);
            assertTrue(m.find(), screen);
            String after = screen.substring(screen.indexOf(last));
            assertTrue(after.contains("completed: Babitalk collection " + m.group(1) + ", 6/6"), Pty.visible(after));
            assertTrue(after.matches("(?s).*reviews \\(시술후기\\)\\s+3.*talks \\(자유톡\\)\\s+3.*"), Pty.visible(after));
        }
    }

    @Test
    void ctrlCAsksAndYesCancelsTheTask() throws Exception {
        api.gate.close();
        try (Pty pty = Pty.start(Path.of("").toAbsolutePath(), env(), "./gleaner collect babitalk --date " + DATE + " --wait")) {
            String shown = pty.waitFor("the bar", s -> !frames(s).isEmpty(), LONG);
            Matcher m = TASK.matcher(shown);
            assertTrue(m.find(), shown);
            String id = m.group(1);

            pty.type("\u0003");
            pty.waitFor("the question", s -> s.contains("Cancel task " + id + "? Records already stored stay. [y/N]"), LONG);
            pty.type("y\r");
            int code = pty.exitCode(LONG);
            String screen = pty.screen();
            assertEquals(3, code, Pty.visible(screen));
            assertTrue(screen.contains("Cancelled task " + id + "."), Pty.visible(screen));
            assertTrue(screen.contains("cancelled: Babitalk collection " + id), Pty.visible(screen));
            JsonNode task = Json.parse(api.run("status", id, "--json").out());
            assertEquals("cancelled", task.get("status").asText());
        }
    }

    @Test
    void ctrlCAndNoLeavesTheTaskRunning() throws Exception {
        api.gate.close();
        try (Pty pty = Pty.start(Path.of("").toAbsolutePath(), env(),
                "./gleaner collect babitalk --date " + DATE + " --categories reviews --wait --lang ko")) {
            String shown = pty.waitFor("the bar", s -> !frames(s).isEmpty(), LONG);
            Matcher m = Pattern.compile("작업 ID: ([0-9a-f-]{36})").matcher(shown);
            assertTrue(m.find(), shown);
            String id = m.group(1);
            pty.type("\u0003");
            pty.waitFor("the question in Korean", s -> s.contains("작업 " + id + "을(를) 취소할까요?"), LONG);
            pty.type("n\r");
            assertEquals(130, pty.exitCode(LONG), Pty.visible(pty.screen()));
            assertTrue(pty.screen().contains("계속 진행됩니다"), Pty.visible(pty.screen()));
            JsonNode task = Json.parse(api.run("status", id, "--json").out());
            assertFalse(Poller.isFinal(task.get("status").asText()), "left running: " + task);
            api.gate.open();
            assertEquals(0, api.run("status", id, "--wait", "-q").code());
        }
    }

    @Test
    void logsFollowPrintsNewLinesAboveTheBar() throws Exception {
        api.gate.close();
        String id = Json.parse(api.run("collect", "babitalk", "--date", DATE, "--categories", "reviews,talks", "--json").out())
                .get("task_id").asText();
        try (Pty pty = Pty.start(Path.of("").toAbsolutePath(), env(), "./gleaner logs " + id + " --follow")) {
            pty.waitFor("the bar below the first lines", s -> s.contains("데이터 수집 시작") && !frames(s).isEmpty(), LONG);
            api.gate.open();
            assertEquals(0, pty.exitCode(LONG), Pty.visible(pty.screen()));
            String screen = pty.screen();
            // Each log line on a line of its own (the bar wiped before it, drawn again after it).
            List<String> lines = Arrays.stream(screen.split("\n"))
                    .map(l -> l.substring(l.lastIndexOf('\r', l.length() - 2) + 1).strip()).toList();
            for (String expected : List.of("시술후기 수집 완료 (4건)", "자유톡 수집 완료 (3건)", "바비톡 데이터 수집 완료: 7건")) {
                assertTrue(lines.stream().anyMatch(l -> l.matches("\\[\\d\\d:\\d\\d:\\d\\d] " + Pattern.quote(expected))),
                        expected + " on its own line:\n" + Pty.visible(screen));
            }
            assertTrue(screen.contains("completed: Babitalk collection " + id + ", 7/7"), Pty.visible(screen));
        }
    }
}
