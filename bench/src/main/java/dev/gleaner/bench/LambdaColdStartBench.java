package dev.gleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.api.Routes;
import dev.gleaner.aws.tables.TableDefinitions;
import dev.gleaner.aws.tasks.DynamoTaskStore;
import dev.gleaner.checks.template.SamTemplate;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.CollectionTask;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.task.Secrets;
import dev.gleaner.embedded.EmbeddedDynamo;
import dev.gleaner.web.WebRoutes;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Issue 14, item 3: every SnapStart function of template.yaml started cold in a fresh JVM (its
 * deployment jar alone on the class path, the template's environment, DynamoDB Local behind the SDK),
 * with and without the priming its CRaC hooks do, next to a minimal handler that makes the same single
 * SDK call as {@code GET /task/{id}}. See {@code probe.LambdaProbe} for what one run measures.
 */
final class LambdaColdStartBench {
    static final String NAME = "lambda-cold-start";
    private static final List<String> PROBE_CLASSES = List.of("LambdaProbe", "MinimalGetItemHandler", "crac/Core",
            "crac/Context", "crac/Resource", "crac/CheckpointException", "crac/RestoreException");
    static final String MINIMAL = "MinimalGetItemHandler (baseline)";
    /** A well-formed id that no task has (the 404 paths). */
    private static final String NO_SUCH_TASK = "11111111-1111-4111-8111-111111111111";

    private LambdaColdStartBench() {}

    record Target(String function, String handler, Path jar, int memoryMb, Map<String, String> env, List<String> event) {}

    record Run(long jvmMillisTimes1000, long init, long priming, long first, long second, int status, int resources) {}

    static void run(Path root, int runs) throws Exception {
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        Path probeDir = extractProbe();
        try (EmbeddedDynamo dynamo = EmbeddedDynamo.start(null)) {
            TableDefinitions.ensureAll(dynamo.client(), "TasksTable", "SemaphoreTable", "RecordsTable", "ScrapeTable");
            // One real finished-looking task for the reads that find something (GET /task, its items).
            CollectionTask task = CollectionTask.pending("22222222-2222-4222-8222-222222222222",
                    new CollectionRequest(Platform.BABITALK, LocalDate.of(2099, 1, 1), null, List.of("reviews"), 24, false,
                            null, List.of(), 0, null), Instant.parse("2099-01-01T00:00:00Z"));
            new DynamoTaskStore(dynamo.client(), "TasksTable", Clock.fixed(Instant.parse("2099-01-01T00:00:00Z"),
                    ZoneOffset.UTC)).create(task, Secrets.NONE);

            List<Target> targets = targets(root, template, dynamo, task.id());
            StringBuilder rows = new StringBuilder();
            StringBuilder details = new StringBuilder();
            Map<String, long[]> firstPrimedByFunction = new LinkedHashMap<>();
            double minimalCold = 0;
            double minimalPrimed = 0;
            List<String[]> table = new ArrayList<>();
            for (Target t : targets) {
                List<Run> cold = new ArrayList<>();
                List<Run> primed = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    // Interleaved, so that drift on a shared machine hits both alike.
                    cold.add(once(t, probeDir, false));
                    primed.add(once(t, probeDir, true));
                }
                double initCold = medianMs(cold, Run::init);
                double firstCold = medianMs(cold, Run::first);
                double initPrimed = medianMs(primed, Run::init);
                double priming = medianMs(primed, Run::priming);
                double firstPrimed = medianMs(primed, Run::first);
                double second = medianMs(primed, Run::second);
                double jvm = medianMs(cold, Run::jvmMillisTimes1000);
                if (t.function().equals(MINIMAL)) {
                    minimalCold = firstCold;
                    minimalPrimed = firstPrimed;
                }
                table.add(new String[] {t.function(), Integer.toString(t.memoryMb()), fmt(jvm), fmt(initCold), fmt(firstCold),
                        fmt(priming), fmt(firstPrimed), fmt(second), Integer.toString(cold.get(0).status()),
                        Integer.toString(primed.get(0).resources())});
                details.append("- ").append(t.function()).append(" (`").append(t.handler()).append("`, ")
                        .append(t.jar().getFileName()).append("): first call cold ms ")
                        .append(Arrays.toString(cold.stream().mapToDouble(r -> r.first() / 1e6).map(LambdaColdStartBench::round).toArray()))
                        .append(", primed ms ")
                        .append(Arrays.toString(primed.stream().mapToDouble(r -> r.first() / 1e6).map(LambdaColdStartBench::round).toArray()))
                        .append("; event ").append(String.join(" ", t.event())).append('\n');
                System.out.printf("%-28s init %6.1f ms, first call %7.1f ms cold / %6.1f ms after priming (%.1f ms), status %d%n",
                        t.function(), initCold, firstCold, firstPrimed, priming, cold.get(0).status());
            }
            rows.append("| function | memory (MB) | JVM start to main (ms) | init (ms) | first call, no priming (ms) | "
                    + "priming (ms) | first call after priming (ms) | **÷ baseline primed** | ÷ baseline unprimed | second call (ms) | status | CRaC resources |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String[] r : table) {
                double firstPrimed = Double.parseDouble(r[6]);
                rows.append(String.format("| %s | %s | %s | %s | %s | %s | %s | **%.2f×** | %.2f× | %s | %s | %s |%n", r[0], r[1], r[2],
                        r[3], r[4], r[5], r[6], firstPrimed / minimalPrimed, firstPrimed / minimalCold, r[7], r[8], r[9]));
            }
            String body = "## Figures\n\n" + rows + "\n"
                    + "Medians of " + runs + " runs per function and mode (cold and primed runs interleaved). Target: the first "
                    + "call after priming ≤ 1.3× the minimal handler's. *÷ baseline primed* compares with the minimal handler "
                    + "whose own priming made its one call (the strict reading), *÷ baseline unprimed* with the minimal handler "
                    + "as it starts without priming.\n\n"
                    + "Each run: `java -cp <CodeUri jar>:<probe classes> dev.gleaner.bench.probe.LambdaProbe ...` in a fresh "
                    + "JVM, with the function's environment from template.yaml (Globals merged, so `JAVA_TOOL_OPTIONS` too; "
                    + "`!Ref` of a table: a DynamoDB Local table of that name; of a parameter: its default; anything else "
                    + "(queue URLs, ARNs): a loopback placeholder never called), `AWS_REGION`, fixed local credentials and `AWS_ENDPOINT_URL_DYNAMODB` pointing at DynamoDB "
                    + "Local in the benchmark's JVM. *Init*: loading the handler class and its no-argument constructor (what "
                    + "Lambda's init phase runs after the JVM and the runtime start). *Priming*: the org.crac global context's "
                    + "`beforeCheckpoint` then `afterRestore` as Lambda's runtime calls them around the snapshot (org.crac "
                    + "forwarded to a stand-in implementation through its `org.crac.Core.Compat` property; nothing is "
                    + "checkpointed: the first call runs in the same JVM right after, as it would after a restore of a "
                    + "snapshot taken there). *First call*: `handleRequest` of an API Gateway event built in the probe. "
                    + "*Status*: the first call's answer (200: found, 404: a task id that does not exist, 400: a start or "
                    + "scrape whose body is refused, since a real one would start a workflow or send a message).\n\n"
                    + "What it depends on: the machine's load (each run is one JVM on two shared cores), the JDK (here the "
                    + "machine's, not Lambda's java21), and that a restored snapshot on Lambda also pays for its memory "
                    + "pages and reconnects, which this benchmark does not reproduce.\n\n"
                    + details;
            System.out.print(rows);
            Path file = Results.write(NAME, "Lambda cold starts: init and first call with and without SnapStart priming (issue 14)",
                    "java -jar bench/target/gleaner-bench.jar lambda-cold-start", body);
            System.out.println("written " + file);
        } finally {
            try (var files = Files.walk(probeDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String fmt(double ms) {
        return String.format("%.1f", ms);
    }

    private static double medianMs(List<Run> runs, ToLongFunction<Run> f) {
        long[] v = runs.stream().mapToLong(f).sorted().toArray();
        return v[v.length / 2] / 1e6;
    }

    /** The SnapStart functions of the template, plus the baseline. */
    private static List<Target> targets(Path root, SamTemplate template, EmbeddedDynamo dynamo, String taskId) {
        Map<String, String> parameters = template.parameterDefaults();
        List<Target> out = new ArrayList<>();
        Path apiJar = null;
        Map<String, String> getTaskEnv = null;
        for (String id : template.functionIds()) {
            JsonNode p = template.functionProperties(id);
            if (p.path("SnapStart").isMissingNode()) {
                continue;
            }
            String handler = p.path("Handler").asText().replace("::handleRequest", "");
            Path jar = root.resolve(p.path("CodeUri").asText());
            Map<String, String> env = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("Environment").path("Variables").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String v = resolve(e.getValue(), template, parameters);
                // Queue URLs, ARNs, secrets: set (functions require them when they build a service) but never
                // called on the measured paths.
                env.put(e.getKey(), v != null ? v : "http://127.0.0.1:9/unresolved/" + e.getKey());
            }
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
            env.put("AWS_LAMBDA_FUNCTION_NAME", id);
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", p.path("MemorySize").asText());
            out.add(new Target(id, handler, jar, p.path("MemorySize").asInt(), env, event(handler, taskId)));
            if (handler.endsWith(".GetTaskHandler")) {
                apiJar = jar;
                getTaskEnv = env;
            }
        }
        if (apiJar == null) {
            throw new IllegalStateException("template.yaml has no GetTaskHandler function");
        }
        out.add(0, new Target(MINIMAL, "dev.gleaner.bench.probe.MinimalGetItemHandler", apiJar, 1024, getTaskEnv,
                event("dev.gleaner.api.collections.GetTaskHandler", taskId)));
        return out;
    }

    private static String resolve(JsonNode v, SamTemplate template, Map<String, String> parameters) {
        if (v.isTextual() || v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        if (v.isObject() && v.has("Ref")) {
            String ref = v.get("Ref").asText();
            if (parameters.containsKey(ref)) {
                return parameters.get(ref) == null ? "" : parameters.get(ref);
            }
            if ("AWS::DynamoDB::Table".equals(template.type(ref))) {
                return ref;
            }
        }
        return null;
    }

    /** The probe's event arguments: method, resource, path, then path.X=... and query.X=... */
    private static List<String> event(String handler, String taskId) {
        if (handler.endsWith(".StaticFileHandler")) {
            return List.of("GET", WebRoutes.OPENAPI, WebRoutes.OPENAPI);
        }
        Routes.Route route = Routes.ALL.stream().filter(r -> r.handler().getName().equals(handler)).findFirst()
                .orElseThrow(() -> new IllegalStateException(handler + " is not in Routes.ALL"));
        String id = route.method().equals("GET") && route.path().contains("/task/") ? taskId : NO_SUCH_TASK;
        String path = route.path().replace("{platform}", "babitalk").replace("{task_id}", id);
        List<String> args = new ArrayList<>(List.of(route.method(), route.path(), path));
        if (route.path().contains("{platform}")) {
            args.add("path.platform=babitalk");
        }
        if (route.path().contains("{task_id}")) {
            args.add("path.task_id=" + id);
        }
        // A start or a scrape whose body is refused (400) before any write: a real one would start a
        // workflow or send a message, which this benchmark has no stand-in for.
        if (route.method().equals("POST")) {
            args.add(route.path().endsWith("/start") ? "body={\"categories\": [\"priming\"], \"limit\": 24}"
                    : "body={\"url\": \"https://example.com/product/1\", \"target_language\": \"-\"}");
        }
        if (route.path().endsWith("/records")) {
            args.addAll(List.of("query.platform=babitalk", "query.category=reviews", "query.date=2099-01-01"));
        }
        return args;
    }

    private static Run once(Target t, Path probeDir, boolean prime) throws Exception {
        List<String> command = new ArrayList<>(List.of(Machine.javaExecutable(),
                "-Dorg.crac.Core.Compat=dev.gleaner.bench.probe.crac",
                "-cp", t.jar() + File.pathSeparator + probeDir, "dev.gleaner.bench.probe.LambdaProbe",
                t.handler(), prime ? "prime" : "cold"));
        command.addAll(t.event());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(t.env());
        pb.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", prime ? "snap-start" : "on-demand");
        long spawned = System.nanoTime();
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(t.function() + " probe failed:\n" + out);
        }
        String line = out.lines().filter(l -> l.startsWith("PROBE ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(t.function() + " printed no PROBE line:\n" + out));
        Map<String, Long> v = new LinkedHashMap<>();
        for (String kv : line.substring(6).split(" ")) {
            int eq = kv.indexOf('=');
            v.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
        }
        if (v.get("status") >= 500 || v.get("status2") >= 500 || v.get("status") < 0) {
            throw new IllegalStateException(t.function() + " answered " + v.get("status") + ":\n" + out);
        }
        return new Run(v.get("main") - spawned, v.get("init"), v.get("priming"), v.get("first"), v.get("second"),
                v.get("status").intValue(), v.get("resources").intValue());
    }

    /** The probe's classes, copied out of this jar into a folder of their own (nothing else on that class path). */
    private static Path extractProbe() throws IOException {
        Path dir = Files.createTempDirectory("gleaner-probe-");
        for (String c : PROBE_CLASSES) {
            String resource = "dev/gleaner/bench/probe/" + c + ".class";
            try (InputStream in = LambdaColdStartBench.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the bench jar");
                }
                Path target = dir.resolve(resource);
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
        return dir;
    }
}
