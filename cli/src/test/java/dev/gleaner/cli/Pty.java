package dev.gleaner.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A command under a pseudo-terminal, as a person runs it: util-linux {@code script} gives it a
 * terminal; what we write to script's input is typed on that terminal (Ctrl-C is byte 3, and
 * the terminal turns it into SIGINT for the command), and we read everything the screen shows.
 */
final class Pty implements AutoCloseable {
    private final Process process;
    private final OutputStream keyboard;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Thread reader;

    private Pty(Process process) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        this.reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = process.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (screen) {
                        screen.write(buf, 0, n);
                        screen.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code command} (a shell command line) in {@code dir} on a new terminal. */
    static Pty start(Path dir, Map<String, String> env, String command) throws IOException {
        if (!new File("/usr/bin/script").canExecute() && !onPath("script")) {
            throw new IllegalStateException("util-linux `script` is needed for the terminal tests (Debian: apt-get install bsdutils)");
        }
        // `exec`: the command replaces script's shell, as a command typed at an interactive shell is the
        // terminal's foreground job alone. Without it, dash (CI's /bin/sh) stays in between and dies of
        // the Ctrl-C the command itself handles, and script reports 130 whatever the command returned.
        // `env --default-signal=INT`: a build started in the background (`mvn verify &`) passes SIGINT
        // down as ignored, and a JVM never handles a signal it was started ignoring: a person's
        // terminal has the default, so the command gets it here too.
        ProcessBuilder pb = new ProcessBuilder(List.of("script", "-qfec", "exec env --default-signal=INT " + command, "/dev/null")).directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("SHELL", "/bin/sh"); // the same shell here as on CI
        return new Pty(pb.start());
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (new File(d, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    String screen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until what the screen shows satisfies {@code condition}. */
    String waitFor(String what, Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (screen) {
            while (true) {
                String s = screen.toString(StandardCharsets.UTF_8);
                if (condition.test(s)) {
                    return s;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !condition.test(s) && exitedAndDrained()) {
                    throw new AssertionError("not seen on the terminal: " + what + "\n--- screen:\n" + visible(s));
                }
                screen.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    private boolean exitedAndDrained() {
        return !reader.isAlive();
    }

    void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "\n--- screen:\n" + visible(screen()));
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** Control characters made visible, for failure messages. */
    static String visible(String s) {
        return s.replace("\r", "\\r").replace("\u001b", "\\e");
    }

    @Override
    public void close() throws IOException {
        keyboard.close();
        process.destroy();
    }
}
