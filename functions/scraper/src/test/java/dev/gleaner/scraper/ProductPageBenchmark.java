package dev.gleaner.scraper;

import dev.gleaner.scraper.detect.PlatformDetector;
import dev.gleaner.scraper.extract.ProductExtractor;
import dev.gleaner.scraper.page.Page;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Not a test: a benchmark for the target "detection + extraction ≤ 1.3 × jsoup's parse time".
 * Run after {@code mvn -pl functions/scraper test-compile}:
 * {@code java -cp "functions/scraper/target/test-classes:functions/scraper/target/classes:$(cat cp.txt)" dev.gleaner.scraper.ProductPageBenchmark}
 */
public final class ProductPageBenchmark {
    public static void main(String[] args) {
        String[] pages = {"extruct/misc_opengraph_ns_product_test.html", "pages/shopify.html", "pages/jsonld-graph.html"};
        for (String resource : pages) {
            String html = TestPages.read(resource);
            String url = "https://www.example.com/p/1";
            int rounds = html.length() > 100_000 ? 60 : 3000;
            for (int warm = 0; warm < 2; warm++) {
                long parse = 0;
                long work = 0;
                for (int i = 0; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    Document doc = Jsoup.parse(html, url);
                    long t1 = System.nanoTime();
                    Page page = Page.of(doc, html, url);
                    String platform = PlatformDetector.detect(page, Map.of(), List.of()).platform();
                    new ProductExtractor().extract(page, platform);
                    long t2 = System.nanoTime();
                    parse += t1 - t0;
                    work += t2 - t1;
                }
                if (warm == 1) {
                    System.out.printf("%-45s %8d chars  parse %.3f ms  detect+extract %.3f ms  ratio %.2f%n", resource,
                            html.length(), parse / 1e6 / rounds, work / 1e6 / rounds, (double) work / parse);
                }
            }
        }
    }
}
