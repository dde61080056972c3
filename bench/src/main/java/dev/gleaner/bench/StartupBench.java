package dev.gleaner.bench;

import dev.gleaner.core.config.Env;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 2: {@code java -jar infrastructure/local/target/gleaner-local.jar --port N} as a child
 * process: the time from spawning it until it answers HTTP, and its resident memory (VmRSS from
 * /proc) after a real collection and a few reads. The child's sources point at a page server in
 * this JVM (the environment variables the runner passes to the collectors), so nothing leaves the
 * machine.
 */
final class StartupBench {
    static final String NAME = "local-runner-startup";
    private static final Pattern READY_LINE = Pattern.compile("ready in (\\d+) ms");
    /** A flag that stands for a class-data-sharing archive made by a training run of the same jar. */
    static final String APP_CDS = "<AppCDS archive>";

    private StartupBench() {}

    record Sample(long readyMillis, long selfReportedMillis, long rssKb, long hwmKb, boolean cleanExit) {}

    /** One way of starting the runner: JVM options, extra environment, and the jar (null: the measured one). */
    record Setup(List<String> flags, Map<String, String> env, Path jar) {
        static Setup of(String... flags) {
            return new Setup(List.of(flags), Map.of(), null);
        }

        String describe() {
            List<String> parts = new ArrayList<>();
            env.forEach((k, v) -> parts.add(k + "=" + v));
            parts.addAll(flags);
            if (jar != null) {
                parts.add("(" + jar + ")");
            }
            return parts.isEmpty() ? "(none)" : String.join(" ", parts);
        }
    }

    static void run(Path jar, int runs, Map<String, Setup> configs) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -B -q -pl bench -am package -DskipTests");
        }
        StringBuilder rows = new StringBuilder();
        StringBuilder details = new StringBuilder();
        CommunityPages pages = new CommunityPages(3_000_000, List.of("hospital_question"), 48);
        try (PageServer source = new PageServer(pages)) {
            for (Map.Entry<String, Setup> config : configs.entrySet()) {
                List<String> flags = config.getValue().flags();
                Path runJar = config.getValue().jar() != null ? config.getValue().jar() : jar;
                Map<String, String> env = config.getValue().env();
                Path archive = null;
                if (flags.contains(APP_CDS)) {
                    // One training run writes the archive of every class the runner loaded (JDK 13+).
                    archive = Files.createTempFile("gleaner-local-", ".jsa");
                    Files.delete(archive);
                    once(runJar, List.of("-XX:ArchiveClassesAtExit=" + archive), env, source, pages);
                    if (!Files.isRegularFile(archive)) {
                        throw new IllegalStateException("the training run wrote no archive");
                    }
                    Path a = archive;
                    flags = flags.stream().map(f -> f.equals(APP_CDS) ? "-XX:SharedArchiveFile=" + a : f).toList();
                }
                List<Sample> samples = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    Sample s = once(runJar, flags, env, source, pages);
                    samples.add(s);
                    System.out.printf("%-40s run %d: ready %d ms (runner says %d ms), RSS %d MB after requests (peak %d MB)%n",
                            config.getKey(), i + 1, s.readyMillis(), s.selfReportedMillis(), s.rssKb() / 1024, s.hwmKb() / 1024);
                }
                long[] ready = samples.stream().mapToLong(Sample::readyMillis).sorted().toArray();
                long[] rss = samples.stream().mapToLong(Sample::rssKb).sorted().toArray();
                long[] hwm = samples.stream().mapToLong(Sample::hwmKb).sorted().toArray();
                rows.append(String.format("| %s | `%s` | %d | %d | %d | %d | %d | %s |%n", config.getKey(),
                        config.getValue().describe(),
                        median(ready), ready[ready.length - 1], median(rss) / 1024, rss[rss.length - 1] / 1024,
                        hwm[hwm.length - 1] / 1024, samples.stream().allMatch(Sample::cleanExit) ? "yes" : "NO"));
                details.append("- ").append(config.getKey()).append(": ready ms ").append(Arrays.toString(
                        samples.stream().mapToLong(Sample::readyMillis).toArray())).append(" (the runner's own figure: ")
                        .append(Arrays.toString(samples.stream().mapToLong(Sample::selfReportedMillis).toArray()))
                        .append("), RSS MB ").append(Arrays.toString(samples.stream().mapToLong(s -> s.rssKb() / 1024).toArray()))
                        .append('\n');
                if (archive != null) {
                    Files.deleteIfExists(archive);
                }
            }
        }
        String table = "| how it starts | options | ready median (ms) | ready max (ms) | RSS median (MB) | RSS max (MB) | "
                + "peak RSS max (MB) | clean Ctrl-C exit |\n|---|---|---:|---:|---:|---:|---:|---|\n" + rows;
        String body = "## Figures\n\nTargets (issue 14): ready ≤ 3 s median after `java -jar`, resident memory < 400 MB. The "
                + "README's command is the first row (no JVM options, no environment: the launcher relaunches on the "
                + "build's class-data archive).\n\n" + table + "\n"
                + "Each row: " + runs + " runs. *Ready*: from spawning `java [flags] -jar infrastructure/local/target/gleaner-local.jar "
                + "--port N` until `GET /api/v1/async-collection/status/summary` answers 200 (polled every 5 ms; the "
                + "runner's own \"ready in\" line counts from its `main`). *RSS*: VmRSS from /proc/<pid>/status, summed over the process "
                + "and its descendants (the launching JVM and the runner it relaunched on the archive), after a "
                + "Gangnam Unni collection of 48 posts through the real collector (sources at a loopback page server via "
                + "GANGNAMUNNI_URL etc., GLEANER_DELAY_FACTOR=0) polled to the end, and a few reads; *peak* is VmHWM. Then SIGTERM, as "
                + "Ctrl-C, to the launching process: *clean exit* means it ended by itself within 15 s, with no descendant left. *AppCDS archive made here*: a training run with "
                + "`-XX:ArchiveClassesAtExit=FILE` (same requests) writes a class-data-sharing archive of the classes the "
                + "runner loads; the measured runs start with `-XX:SharedArchiveFile=FILE`.\n\n" + details;
        System.out.print(table);
        Path file = Results.write(NAME, "Local runner: time to ready and resident memory (issue 2)",
                "java -jar bench/target/gleaner-bench.jar startup", body);
        System.out.println("written " + file);
    }

    private static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static Sample once(Path jar, List<String> flags, Map<String, String> extraEnv, PageServer source,
            CommunityPages pages) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Machine.javaExecutable());
        command.addAll(flags);
        command.addAll(List.of("-jar", jar.toString(), "--port", Integer.toString(port)));
        Path log = Files.createTempFile("gleaner-local-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        for (String name : List.of(Env.BABITALK_API_URL, Env.GANGNAMUNNI_URL,
                Env.GANGNAMUNNI_REVIEWS_URL, Env.NAVER_CAFE_API_URL, Env.NAVER_CAFE_ARTICLE_URL)) {
            env.put(name, source.origin());
        }
        env.put("GLEANER_DELAY_FACTOR", "0");
        env.remove("PORT");
        env.remove("GLEANER_CDS");
        env.putAll(extraEnv);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        HttpRequest summary = HttpRequest.newBuilder(URI.create(base + Api.BASE + "/status/summary"))
                .timeout(Duration.ofSeconds(5)).build();

        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            long readyNanos = -1;
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the runner exited with " + p.exitValue() + ":\n" + Files.readString(log));
                }
                try {
                    if (http.send(summary, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        readyNanos = System.nanoTime() - t0;
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
            if (readyNanos < 0) {
                throw new IllegalStateException("the runner did not answer within 60 s:\n" + Files.readString(log));
            }
            // A few requests: a real collection polled to the end, the list, the summary, the records.
            Api api = new Api(base);
            String id = api.start(pages, 0);
            api.awaitCompleted(id, Duration.ofMillis(50), Duration.ofSeconds(60));
            for (String path : List.of("/tasks", "/status/summary", "/task/" + id + "/items?limit=200",
                    "/records?platform=gangnamunni&category=hospital_question&date=" + CommunityPages.TARGET_DATE)) {
                HttpResponse<String> r = api.send("GET", Api.BASE + path, null);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
                }
            }
            long rss = 0;
            long hwm = 0;
            List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
            tree.add(0, p.toHandle());
            for (ProcessHandle h : tree) {
                Map<String, Long> status = procStatus(h.pid());
                rss += status.getOrDefault("VmRSS", 0L);
                hwm += status.getOrDefault("VmHWM", 0L);
            }
            Matcher m = READY_LINE.matcher(Files.readString(log, StandardCharsets.UTF_8));
            long self = m.find() ? Long.parseLong(m.group(1)) : -1;
            p.destroy(); // SIGTERM, as Ctrl-C: the runner's shutdown hook stops everything
            boolean exited = p.waitFor(15, TimeUnit.SECONDS);
            for (ProcessHandle h : tree) {
                try {
                    h.onExit().get(15, TimeUnit.SECONDS);
                } catch (TimeoutException stillRunning) {
                    exited = false;
                }
            }
            return new Sample(TimeUnit.NANOSECONDS.toMillis(readyNanos), self, rss, hwm, exited);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }

    /** The kB figures of /proc/<pid>/status (VmRSS, VmHWM, ...). */
    static Map<String, Long> procStatus(long pid) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Vm") && line.endsWith(" kB")) {
                String[] parts = line.split("\\s+");
                out.put(parts[0].replace(":", ""), Long.parseLong(parts[1]));
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
