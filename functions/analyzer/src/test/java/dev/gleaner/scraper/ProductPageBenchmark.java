package dev.gleaner.scraper;

import dev.gleaner.scraper.detect.Detection;
import dev.gleaner.scraper.detect.PlatformDetector;
import dev.gleaner.scraper.eval.Corpus;
import dev.gleaner.scraper.eval.PebDev;
import dev.gleaner.scraper.extract.ProductExtractor;
import dev.gleaner.scraper.extract.ProductJsonFetcher;
import dev.gleaner.scraper.page.Page;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Not a test: the benchmark for "detection + extraction ≤ 1.3 × jsoup's own parse of the same
 * page", over the corpus in {@code bench/scraper/corpus} or ({@code --pages peb}) the 70 real pages
 * of {@code ../shared/fixtures/peb-dev}. For every page, in one run and
 * interleaved, it times {@code Jsoup.parse(html, url)} and then, on that document, the work the
 * analyzer adds: indexing the page ({@link Page#of}), {@link PlatformDetector#detect} and
 * {@link ProductExtractor#extract} (Shopify product JSON served from memory). Each page is
 * measured many times after a warm-up; the per-page figure is the median. No JMH here (it is not
 * among the project's dependencies): the loop is plain, each result is consumed, and the JVM
 * should run with a fixed heap ({@code bench/scraper/run.sh} passes {@code -Xms1g -Xmx1g}).
 *
 * <p>Times are the benchmark thread's CPU time by default ({@code --clock wall} for wall-clock
 * time): on a machine shared with other builds, waiting for a core would otherwise be charged
 * to whichever step was running.
 *
 * <p>Arguments: {@code [--pages corpus|peb] [--clock cpu|wall] [--rounds N] [--warmup N] [--out FILE]}
 * (FILE gets a markdown section).
 */
public final class ProductPageBenchmark {
    private ProductPageBenchmark() {}

    private record Input(String id, String html, String url, Map<String, List<String>> headers, List<String> cookies,
            ProductJsonFetcher fetcher) {}

    public static void main(String[] args) throws IOException {
        int rounds = 40;
        int warmup = 15;
        Path out = null;
        String pages = "corpus";
        boolean cpu = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clock" -> cpu = switch (args[++i]) {
                    case "cpu" -> true;
                    case "wall" -> false;
                    default -> throw new IllegalArgumentException("--clock cpu|wall");
                };
                case "--pages" -> pages = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<Input> inputs = switch (pages) {
            case "corpus" -> corpusInputs();
            case "peb" -> pebInputs();
            default -> throw new IllegalArgumentException("--pages corpus|peb, not " + pages);
        };
        long[][] parse = new long[inputs.size()][rounds];
        long[][] work = new long[inputs.size()][rounds];
        long sink = 0;
        for (int r = -warmup; r < rounds; r++) {
            for (int i = 0; i < inputs.size(); i++) {
                Input in = inputs.get(i);
                long t0 = now(cpu);
                Document doc = Jsoup.parse(in.html(), in.url());
                long t1 = now(cpu);
                Page page = Page.of(doc, in.html(), in.url());
                Detection d = PlatformDetector.detect(page, in.headers(), in.cookies());
                var info = new ProductExtractor(in.fetcher()).extract(page, d.platform());
                long t2 = now(cpu);
                sink += doc.childNodeSize() + (info.title() == null ? 0 : info.title().length());
                if (r >= 0) {
                    parse[i][r] = t1 - t0;
                    work[i][r] = t2 - t1;
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Java %s, %s, %d cores; %d warm-up and %d measured rounds over %d pages; "
                        + "medians per page; %s time.%n%n", System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), warmup, rounds, inputs.size(), cpu ? "thread CPU" : "wall-clock"));
        md.append("| page | size (KB) | jsoup parse (ms) | detection + extraction (ms) | ratio |\n|---|---:|---:|---:|---:|\n");
        double[] bucketParse = new double[4];
        double[] bucketWork = new double[4];
        int[] bucketCount = new int[4];
        double maxRatio = 0;
        String maxPage = null;
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            double p = median(parse[i]) / 1e6;
            double w = median(work[i]) / 1e6;
            int kb = in.html().length() / 1024;
            int bucket = kb < 64 ? 0 : kb < 128 ? 1 : kb < 256 ? 2 : 3;
            bucketParse[bucket] += p;
            bucketWork[bucket] += w;
            bucketCount[bucket]++;
            if (w / p > maxRatio) {
                maxRatio = w / p;
                maxPage = in.id();
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.2f |%n", in.id(), kb, p, w, w / p));
        }
        double meanParse = 0;
        double meanWork = 0;
        for (int i = 0; i < inputs.size(); i++) {
            meanParse += Arrays.stream(parse[i]).average().orElse(0) / 1e6;
            meanWork += Arrays.stream(work[i]).average().orElse(0) / 1e6;
        }
        String[] names = {"< 64 KB", "64–128 KB", "128–256 KB", "≥ 256 KB"};
        StringBuilder summary = new StringBuilder("| page size | pages | jsoup parse (ms, sum) | detection + extraction (ms, sum) | ratio |\n|---|---:|---:|---:|---:|\n");
        double allP = 0;
        double allW = 0;
        for (int b = 0; b < 4; b++) {
            if (bucketCount[b] == 0) {
                continue;
            }
            allP += bucketParse[b];
            allW += bucketWork[b];
            summary.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", names[b], bucketCount[b],
                    bucketParse[b], bucketWork[b], bucketWork[b] / bucketParse[b]));
        }
        summary.append(String.format(Locale.ROOT, "| all | %d | %.2f | %.2f | **%.2f** |%n", inputs.size(), allP, allW, allW / allP));
        summary.append(String.format(Locale.ROOT, "%nWith means instead of medians (garbage collections included, "
                + "charged to whichever step triggered them): parse %.2f ms, detection + extraction %.2f ms, ratio %.2f.%n",
                meanParse, meanWork, meanWork / meanParse));
        summary.append(String.format(Locale.ROOT, "Worst single page (medians): %s at %.2f×.%n%n", maxPage, maxRatio));
        String text = summary + md.toString();
        System.out.print(text);
        System.err.println("(checksum " + sink + ")");
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
    }

    private static List<Input> corpusInputs() throws IOException {
        List<Input> inputs = new ArrayList<>();
        for (Corpus.Entry e : Corpus.load().entries()) {
            ProductJsonFetcher fetcher = ProductJsonFetcher.NONE;
            if (e.productJson() != null) {
                String json = Files.readString(e.productJson(), StandardCharsets.UTF_8);
                fetcher = url -> Optional.of(json);
            }
            inputs.add(new Input(e.id(), e.html(), e.url(), e.headers(), e.cookies(), fetcher));
        }
        return inputs;
    }

    private static List<Input> pebInputs() {
        List<Input> inputs = new ArrayList<>();
        for (PebDev.Page p : PebDev.load().pages()) {
            inputs.add(new Input(p.key().substring(0, 8), p.html(), p.url(), null, null, ProductJsonFetcher.NONE));
        }
        return inputs;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * The benchmark thread's CPU time (the default: on a shared machine other processes' load
     * stretches wall time, not the CPU this thread spends), or wall time.
     */
    private static long now(boolean cpu) {
        return cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static double median(long[] values) {
        long[] v = Arrays.copyOf(values, values.length);
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }
}
