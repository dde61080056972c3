package dev.gleaner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated completion scripts, loaded into real bash and zsh, complete commands, options and values. */
class CompletionTest {
    @TempDir
    Path dir;

    /** Sources the script in {@code shell}, asks for completions of {@code words} and returns them. */
    private List<String> complete(String shell, String... words) throws Exception {
        LocalApi.Result r = LocalApi.runWith(Map.of(), "", "completion", shell);
        assertEquals(0, r.code(), r.toString());
        Path script = Files.writeString(dir.resolve("gleaner." + shell), r.out());
        StringBuilder arr = new StringBuilder();
        for (String w : words) {
            arr.append(" '").append(w).append('\'');
        }
        // zsh runs bash completion functions in sh emulation (0-based arrays), as its bashcompinit does.
        String call = "COMP_WORDS=(" + arr + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='" + String.join(" ", words)
                + "'; COMP_POINT=${#COMP_LINE}; COMPREPLY=()\n"
                + "_complete_gleaner gleaner '" + words[words.length - 1] + "' '" + words[words.length - 2] + "' 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        String probe = "source " + script + "\n" + (shell.equals("zsh")
                ? "probe() {\nemulate -L sh\nsetopt kshglob noshglob braceexpand\n" + call + "}\nprobe\n" : call);
        Path probeFile = Files.writeString(dir.resolve("probe." + shell), probe);
        String exe = shell.equals("zsh") ? "zsh" : "bash";
        Process p = new ProcessBuilder(exe, probeFile.toString()).redirectError(dir.resolve("stderr").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void bashCompletesCommandsOptionsAndPlatforms() throws Exception {
        List<String> commands = complete("bash", "gleaner", "c");
        assertTrue(commands.containsAll(List.of("collect", "cancel", "completion")) && !commands.contains("status"), commands.toString());
        assertTrue(complete("bash", "gleaner", "collect", "--ca").containsAll(List.of("--cafe-id", "--callback-url",
                "--cancel-on-interrupt", "--categories")));
        assertEquals(List.of("babitalk"), complete("bash", "gleaner", "collect", "b"));
        assertTrue(complete("bash", "gleaner", "tasks", "--status", "").containsAll(List.of("pending", "running", "completed",
                "failed", "cancelled")));
    }

    @Test
    void zshLoadsTheSameScriptThroughBashcompinit() throws Exception {
        // zsh filters the candidates by what was typed itself (compadd); the script offers the platforms.
        List<String> platforms = complete("zsh", "gleaner", "collect", "n");
        assertTrue(platforms.contains("naver") && List.of("babitalk", "gangnamunni", "naver").containsAll(platforms), platforms.toString());
        assertTrue(complete("zsh", "gleaner", "records", "--pl").contains("--platform"));
    }
}
