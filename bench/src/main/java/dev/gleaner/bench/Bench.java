package dev.gleaner.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar bench/target/gleaner-bench.jar <benchmark> [options]}, from the repository root.
 * Each benchmark prints its figures and writes bench/results/&lt;name&gt;.md.
 */
public final class Bench {
    static final String USAGE = """
            usage: java -jar bench/target/gleaner-bench.jar <benchmark> [options]
              get-task    [--warmup N] [--iterations N]   GET /task/{id} vs DynamoDB Local GetItem (issues 2, 14)
              startup     [--runs N] [--jar PATH] [--baseline-jar PATH]
                                                           java -jar gleaner-local.jar: time to ready, resident memory (issues 2, 14)
              collection  [--posts N] [--latency-ms A,B]  10,000 posts vs the page server alone (issues 4, 14)
              lambda-cold-start [--runs N]                 each SnapStart function's init and first call, primed or not (issue 14)
              cost                                         a 500-post collection and a scrape, priced per 1,000 (issue 14)
              all                                          every one with its defaults
            """;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "get-task" -> getTask(options);
            case "startup" -> startup(options);
            case "collection" -> collection(options);
            case "lambda-cold-start" -> LambdaColdStartBench.run(Path.of("."), integer(options, "runs", 3));
            case "cost" -> CostBench.run(Path.of("."));
            case "all" -> {
                getTask(Map.of());
                startup(Map.of());
                collection(Map.of());
                LambdaColdStartBench.run(Path.of("."), 3);
                CostBench.run(Path.of("."));
            }
            default -> {
                System.err.print("unknown benchmark " + args[0] + "\n" + USAGE);
                System.exit(2);
                return;
            }
        }
        // DynamoDB Local and the JDK HTTP client leave non-daemon threads behind.
        System.exit(0);
    }

    private static void getTask(Map<String, String> o) throws Exception {
        GetTaskBench.run(integer(o, "warmup", 3_000), integer(o, "iterations", 5_000));
    }

    private static void startup(Map<String, String> o) throws Exception {
        Map<String, StartupBench.Setup> configs = new LinkedHashMap<>();
        configs.put("README command: the launcher relaunches on the build's archive; queue started alongside",
                StartupBench.Setup.of());
        configs.put("the same without the archive (what the archive gains)",
                new StartupBench.Setup(List.of(), Map.of("GLEANER_CDS", "off"), null));
        configs.put("the same, C1 only (JIT option, not the default)", StartupBench.Setup.of("-XX:TieredStopAtLevel=1"));
        if (o.containsKey("baseline-jar")) {
            // A jar built before issue 14 (queue started after DynamoDB Local, no launcher): what the parallel start gains.
            Path before = Path.of(o.get("baseline-jar"));
            configs.put("baseline jar (before issue 14), no archive", new StartupBench.Setup(List.of(), Map.of(), before));
            configs.put("baseline jar, an archive made here by a training run",
                    new StartupBench.Setup(List.of(StartupBench.APP_CDS), Map.of(), before));
        }
        StartupBench.run(Path.of(o.getOrDefault("jar", "infrastructure/local/target/gleaner-local.jar")),
                integer(o, "runs", 5), configs);
    }

    private static void collection(Map<String, String> o) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (String s : o.getOrDefault("latency-ms", "0,20").split(",")) {
            latencies.add(Long.parseLong(s.trim()));
        }
        CollectionBench.run(integer(o, "posts", 10_000), latencies);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i] + "\n" + USAGE);
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    private static int integer(Map<String, String> o, String name, int fallback) {
        String v = o.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive number, not " + v);
    }
}
