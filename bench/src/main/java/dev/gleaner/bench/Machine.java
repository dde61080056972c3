package dev.gleaner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a results file says about where it was measured. */
final class Machine {
    private Machine() {}

    /** The java executable running this benchmark (the one child processes are started with). */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String describe() {
        StringBuilder s = new StringBuilder();
        s.append("- date: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        s.append("- nproc: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        s.append("- cpu: ").append(procLine("/proc/cpuinfo", "model name")).append('\n');
        s.append("- memory: ").append(procLine("/proc/meminfo", "MemTotal")).append('\n');
        s.append("- os: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append('\n');
        s.append("- load average at the end (1, 5, 15 min; other work on the machine skews every figure): ")
                .append(loadAverage()).append('\n');
        s.append("- java -version:\n\n```\n").append(javaVersion().strip()).append("\n```\n");
        return s.toString();
    }

    /** /proc/loadavg's first three fields. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String procLine(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }

    static String javaVersion() {
        try {
            Process p = new ProcessBuilder(List.of(javaExecutable(), "-version")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.getProperty("java.runtime.version");
        }
    }
}
