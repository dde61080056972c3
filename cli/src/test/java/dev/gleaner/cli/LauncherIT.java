package dev.gleaner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cli/gleaner, the launcher: runs the jar, builds it first when it is missing (here with a stand-in
 * `mvn` that records how it was called and copies the real jar, so no Maven build runs inside the
 * build), keeps build output off standard output, and works through a symlink.
 */
class LauncherIT {
    @TempDir
    Path repo;

    private record Run(int code, String out, String err) {}

    private Run run(Path bin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("cli/gleaner").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(repo.resolve("stderr").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, Files.readString(repo.resolve("stderr")));
    }

    private Path fakeMvn(String body) throws Exception {
        Path bin = Files.createDirectories(repo.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void buildsTheJarWhenMissingThenJustRunsIt() throws Exception {
        Path launcher = Files.copy(Path.of("gleaner"), Files.createDirectories(repo.resolve("cli")).resolve("gleaner"));
        assertTrue(Files.isExecutable(launcher));
        Path realJar = Path.of("target", "gleaner.jar").toAbsolutePath();
        Path bin = fakeMvn("echo \"mvn $* (in $(pwd))\" >> \"" + repo.resolve("mvn.log") + "\"\n"
                + "echo 'noise from the build'\n"
                + "mkdir -p cli/target && cp \"" + realJar + "\" cli/target/gleaner.jar\n");

        Run first = run(bin, "--version");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().startsWith("gleaner 0.1.0"), "only the command's output on stdout: " + first.out());
        assertTrue(first.err().contains("building") && first.err().contains("noise from the build"), first.err());
        assertEquals(List.of("mvn -B -q -pl cli -am package -DskipTests (in " + repo.toRealPath() + ")"),
                Files.readAllLines(repo.resolve("mvn.log")));

        Run second = run(bin, "price");
        assertEquals(0, second.code());
        assertEquals(1, Files.readAllLines(repo.resolve("mvn.log")).size(), "built once");

        // Through a symlink elsewhere (e.g. ~/bin/gleaner).
        Path elsewhere = Files.createDirectories(repo.resolve("home/bin"));
        Files.createSymbolicLink(elsewhere.resolve("gleaner"), launcher);
        ProcessBuilder pb = new ProcessBuilder(elsewhere.resolve("gleaner").toString(), "--version");
        Process p = pb.start();
        assertTrue(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("gleaner 0.1.0"));
        assertEquals(0, p.waitFor());
    }

    @Test
    void aFailedBuildSaysSoAndRunsNothing() throws Exception {
        Files.copy(Path.of("gleaner"), Files.createDirectories(repo.resolve("cli")).resolve("gleaner"));
        Path bin = fakeMvn("echo '[ERROR] compilation failed' >&2\nexit 1\n");
        Run r = run(bin, "--version");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("the build failed"), r.err());
        assertFalse(Files.exists(repo.resolve("cli/target/gleaner.jar")));
    }
}
