package dev.gleaner.local.crosscheck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The second, independent ASL interpreter: {@code infrastructure/statemachine/check/run-execution.mjs}
 * (aws-local-stepfunctions, installed by {@code npm ci}, which {@code mvn verify} runs), spawned
 * as a Node process whose Task states call the given local Lambda Invoke endpoint.
 */
final class AwsLocalStepFunctions {
    static final String VERSION = "3.0.0";

    private AwsLocalStepFunctions() {}

    /** {@code infrastructure/statemachine}, found from this module's directory (surefire's basedir). */
    static Path statemachineDir() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return module.resolve("../statemachine").toAbsolutePath().normalize();
    }

    static Path definition() {
        return statemachineDir().resolve("collection.asl.json");
    }

    /** Fails with what to do when the npm packages are missing, instead of a confusing Node error. */
    static void requireInstalled() throws IOException {
        Path pkg = statemachineDir().resolve("node_modules/aws-local-stepfunctions/package.json");
        if (!Files.isRegularFile(pkg)) {
            throw new IllegalStateException("aws-local-stepfunctions is not installed in " + statemachineDir()
                    + ": run `npm ci` there (mvn verify does it in generate-test-resources; it needs node and npm on PATH)");
        }
        String version = Json.parse(Files.readString(pkg)).path("version").asText();
        if (!VERSION.equals(version)) {
            throw new IllegalStateException("aws-local-stepfunctions " + version + " is installed, the lock file pins "
                    + VERSION + ": run `npm ci` in " + statemachineDir());
        }
    }

    /** What run-execution.mjs reports about one execution. */
    record Report(String status, JsonNode output, String error, String cause, List<String> statesEntered,
            Map<String, Integer> retries, Map<String, Integer> caught) {}

    /** A running Node process. */
    static final class Running {
        private final Process process;
        private final CompletableFuture<String> stdout;
        private final CompletableFuture<String> stderr;

        private Running(Process process) {
            this.process = process;
            this.stdout = drain(process.getInputStream());
            this.stderr = drain(process.getErrorStream());
        }

        /** Like StopExecution: run-execution.mjs aborts the execution on an "abort" line. */
        void abort() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write("abort\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        Report await(Duration timeout) throws Exception {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws-local-stepfunctions did not finish within " + timeout + "; stderr:\n"
                        + stderr.get(5, TimeUnit.SECONDS));
            }
            String out = stdout.get(5, TimeUnit.SECONDS).strip();
            String err = stderr.get(5, TimeUnit.SECONDS);
            if (process.exitValue() != 0 || out.isEmpty()) {
                throw new AssertionError("run-execution.mjs exited " + process.exitValue() + "; stdout:\n" + out
                        + "\nstderr:\n" + err);
            }
            JsonNode r = Json.parse(out.substring(out.lastIndexOf('\n') + 1));
            List<String> entered = new ArrayList<>();
            r.path("states_entered").forEach(n -> entered.add(n.asText()));
            return new Report(r.path("status").asText(), r.get("output"), r.path("error").textValue(),
                    r.path("cause").textValue(), entered, counts(r.path("retries")), counts(r.path("caught")));
        }

        void destroy() {
            process.destroyForcibly();
        }
    }

    /**
     * Starts one execution.
     *
     * @param retryIntervalMs replaces every retrier's pause (the library's retryIntervalOverrides)
     * @param waitMs replaces every Wait state's duration (waitTimeOverrides)
     */
    static Running start(URI lambdaEndpoint, Map<String, String> substitutions, JsonNode input, String name,
            int retryIntervalMs, int waitMs) throws IOException {
        requireInstalled();
        List<String> command = List.of("node", "check/run-execution.mjs",
                "--definition", definition().toString(),
                "--substitutions", Json.write(substitutions),
                "--input", Json.write(input),
                "--name", name,
                "--retry-interval-ms", Integer.toString(retryIntervalMs),
                "--wait-ms", Integer.toString(waitMs));
        ProcessBuilder pb = new ProcessBuilder(command).directory(statemachineDir().toFile());
        Map<String, String> env = pb.environment();
        // Nothing from a developer's AWS setup may leak in: fake credentials, the local endpoint only.
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ENDPOINT_URL_LAMBDA", lambdaEndpoint.toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        try {
            return new Running(pb.start());
        } catch (IOException e) {
            throw new IOException("cannot start `node` (is Node.js on PATH?): " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> counts(JsonNode node) {
        Map<String, Integer> m = new TreeMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asInt()));
        return m;
    }

    /** A thread of its own per stream: a blocking read in the common pool could stall the other pipe. */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                text.complete(buf.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("(unreadable: " + e.getMessage() + ")");
            }
        }, "node-output");
        t.setDaemon(true);
        t.start();
        return text;
    }
}
