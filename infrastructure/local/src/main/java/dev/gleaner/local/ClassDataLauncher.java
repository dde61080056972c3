package dev.gleaner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the runner on the class-data-sharing archive the build makes next to the jar
 * ({@code target/gleaner-local.jsa}, by a training run: see the pom), so that
 * {@code java -jar gleaner-local.jar} is ready in about half the time: the JVM maps the runner's
 * classes already parsed and verified instead of loading them one by one from the jar.
 *
 * <p>A JVM cannot pick an archive up after it started, so {@code java -jar} relaunches itself once:
 * the same java, the same JVM options, plus {@code -XX:SharedArchiveFile}, with stdin, stdout and
 * stderr shared. The first JVM loads nothing but this class, waits, passes SIGTERM on (and Ctrl-C
 * reaches both anyway) and exits with the runner's exit code; the runner stops by itself if the first
 * JVM disappears. Nothing changes when there is no archive, when it was made by another JVM build
 * (its {@code .jdk} stamp differs), when the JVM already runs on an archive, or with
 * {@code GLEANER_CDS=off}.
 */
final class ClassDataLauncher {
    /** {@code off}: start in this JVM, never on the archive. */
    static final String ENV = "GLEANER_CDS";
    /** Set in the relaunched runner's environment: it must not relaunch again. */
    static final String CHILD_ENV = "GLEANER_CDS_CHILD";
    static final String ARCHIVE_SUFFIX = ".jsa";
    /** Next to the archive: the {@code java.vm.version} of the JVM that made it. */
    static final String STAMP_SUFFIX = ".jsa.jdk";

    private ClassDataLauncher() {}

    /**
     * The command that runs the runner on the archive, or empty to start in this JVM.
     *
     * @param jar the jar this class was loaded from (null: not from a jar)
     * @param java the running java executable (null: unknown)
     * @param processArguments this process's arguments after the executable (JVM options, -jar, the jar, the runner's)
     * @param args the runner's own arguments
     */
    static Optional<List<String>> command(Path jar, String java, List<String> processArguments, String[] args,
            Map<String, String> env, String vmVersion) {
        if ("off".equalsIgnoreCase(env.get(ENV)) || env.containsKey(CHILD_ENV) || jar == null || java == null
                || processArguments == null || !jar.getFileName().toString().endsWith(".jar")) {
            return Optional.empty();
        }
        String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path archive = jar.resolveSibling(base + ARCHIVE_SUFFIX);
        Path stamp = jar.resolveSibling(base + STAMP_SUFFIX);
        try {
            if (!Files.isRegularFile(archive) || !Files.isRegularFile(stamp)
                    || !Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(vmVersion)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        int dashJar = processArguments.indexOf("-jar");
        if (dashJar < 0) {
            return Optional.empty(); // started some other way (a class path, a test): leave it alone
        }
        List<String> jvmOptions = processArguments.subList(0, dashJar);
        if (jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-Xshare")
                || o.startsWith("-XX:ArchiveClassesAtExit"))) {
            return Optional.empty(); // the caller chose its own class-data sharing
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        // auto: a JVM that cannot map the archive starts without it rather than failing; no log line about it.
        command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-cp", jar.toString(), Main.class.getName()));
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /**
     * Runs the runner on the archive in a second JVM and returns its exit code, or empty when this
     * JVM should start the runner itself.
     */
    static Optional<Integer> relaunch(String[] args) throws InterruptedException {
        Optional<List<String>> command;
        try {
            ProcessHandle.Info self = ProcessHandle.current().info();
            command = command(ownJar(), self.command().orElse(null), self.arguments().map(List::of).orElse(null), args,
                    System.getenv(), System.getProperty("java.vm.version"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (command.isEmpty()) {
            return Optional.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(command.get()).inheritIO();
        pb.environment().put(CHILD_ENV, Long.toString(ProcessHandle.current().pid()));
        Process runner;
        try {
            runner = pb.start();
        } catch (IOException e) {
            return Optional.empty(); // cannot start a second JVM: start here instead
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM or Ctrl-C: the runner stops cleanly on the same signal; wait for it.
            runner.destroy();
            try {
                if (!runner.waitFor(30, TimeUnit.SECONDS)) {
                    runner.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gleaner-launcher"));
        return Optional.of(runner.waitFor());
    }

    /** In the relaunched runner: stop (cleanly, through the shutdown hook) if the launching JVM goes away. */
    static void followLauncher(Map<String, String> env) {
        String launcher = env.get(CHILD_ENV);
        if (launcher == null) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(launcher)).ifPresent(p -> p.onExit().thenRun(() -> System.exit(0)));
        } catch (NumberFormatException e) {
            // not ours: ignore
        }
    }

    private static Path ownJar() {
        try {
            var source = ClassDataLauncher.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }
}
