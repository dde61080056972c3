package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When {@code java -jar gleaner-local.jar} relaunches itself on the build's class-data archive, and how. */
class ClassDataLauncherTest {
    private static final String JAVA = "/usr/lib/jvm/jdk/bin/java";
    private static final String VM = "17.0.15+6-Debian-1deb12u1";

    @TempDir
    Path dir;

    private Path jarWithArchive(String stamp) throws IOException {
        Path jar = Files.writeString(dir.resolve("gleaner-local.jar"), "jar");
        Files.writeString(dir.resolve("gleaner-local.jsa"), "archive");
        Files.writeString(dir.resolve("gleaner-local.jsa.jdk"), stamp + "\n");
        return jar;
    }

    private Optional<List<String>> command(Path jar, List<String> processArgs, Map<String, String> env) {
        return ClassDataLauncher.command(jar, JAVA, processArgs, new String[] {"--port", "0"}, env, VM);
    }

    @Test
    void relaunchesOnTheArchiveWithTheSameJavaOptionsAndArguments() throws IOException {
        Path jar = jarWithArchive(VM);
        List<String> c = command(jar, List.of("-Xmx256m", "-jar", jar.toString(), "--port", "0"), Map.of()).orElseThrow();
        assertEquals(JAVA, c.get(0));
        assertEquals("-Xmx256m", c.get(1));
        assertTrue(c.contains("-XX:SharedArchiveFile=" + dir.resolve("gleaner-local.jsa")), c.toString());
        assertTrue(c.contains("-Xshare:auto"), "a JVM that cannot map the archive must still start: " + c);
        assertEquals(List.of("-cp", jar.toString(), Main.class.getName(), "--port", "0"), c.subList(c.size() - 5, c.size()));
    }

    @Test
    void startsInThisJvmWhenThereIsNoUsableArchive() throws IOException {
        Path jar = Files.writeString(dir.resolve("gleaner-local.jar"), "jar");
        List<String> args = List.of("-jar", jar.toString());
        assertTrue(command(jar, args, Map.of()).isEmpty(), "no archive");
        jarWithArchive("21.0.2+13");
        assertTrue(command(jar, args, Map.of()).isEmpty(), "an archive made by another JVM build");
    }

    @Test
    void neverRelaunchesTwiceNorAgainstTheCallersChoice() throws IOException {
        Path jar = jarWithArchive(VM);
        List<String> args = List.of("-jar", jar.toString());
        assertTrue(command(jar, args, Map.of()).isPresent());
        assertTrue(command(jar, args, Map.of(ClassDataLauncher.CHILD_ENV, "123")).isEmpty(), "already relaunched");
        assertTrue(command(jar, args, Map.of(ClassDataLauncher.ENV, "off")).isEmpty(), "GLEANER_CDS=off");
        assertTrue(command(jar, List.of("-Xshare:off", "-jar", jar.toString()), Map.of()).isEmpty(), "-Xshare chosen");
        assertTrue(command(jar, List.of("-XX:ArchiveClassesAtExit=x.jsa", "-jar", jar.toString()), Map.of()).isEmpty(),
                "the build's training run");
        assertTrue(command(jar, List.of("-cp", jar.toString(), "dev.gleaner.local.Main"), Map.of()).isEmpty(),
                "not started with -jar");
        assertTrue(command(null, args, Map.of()).isEmpty(), "not running from a jar (tests, an IDE)");
    }
}
