package dev.gleaner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        List<JsonNode> lines() {
            List<JsonNode> nodes = new ArrayList<>();
            for (String l : out.split("\n")) {
                if (!l.isEmpty()) {
                    try {
                        nodes.add(Json.parse(l));
                    } catch (IOException e) {
                        throw new AssertionError("not JSON: " + l, e);
                    }
                }
            }
            return nodes;
        }
    }

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final String PAGE = """
            <html><head><title>Anvil</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Anvil",
            "image":"/a.jpg","offers":{"@type":"Offer","price":"12900000","priceCurrency":"KRW","availability":"InStock"}}</script>
            <script src="https://cdn.shopify.com/s/theme.js"></script></head>
            <body><div class="shopify-section"></div></body></html>""";

    @Test
    void pricePrintsOneObjectPerLineInOrder() {
        Result r = run("$1,299.99\n12,900원\nFree\n\n¥1,000\n12,900,000원\n", "price");
        assertEquals(0, r.code());
        String[] lines = r.out().split("\n");
        assertEquals(6, lines.length);
        assertEquals("{\"amount\":1299.99,\"currency\":\"USD\"}", lines[0]);
        assertEquals("{\"amount\":12900,\"currency\":\"KRW\"}", lines[1]);
        assertEquals("{\"amount\":null,\"currency\":null}", lines[2]);
        assertEquals("{\"amount\":null,\"currency\":null}", lines[3]);
        assertEquals("{\"amount\":1000,\"currency\":\"JPY\"}", lines[4]);
        assertEquals("{\"amount\":12900000,\"currency\":\"KRW\"}", lines[5]);
        assertFalse(r.out().contains("E+"), r.out());
    }

    @Test
    void priceUsesTheCurrencyHint() {
        assertEquals("{\"amount\":1000,\"currency\":\"CNY\"}", run("¥1,000\n", "price", "--currency-hint", "CNY").out().trim());
        assertEquals("{\"amount\":5,\"currency\":\"CAD\"}", run("5\n", "price", "--currency-hint=cad").out().trim());
        Result bad = run("", "price", "--currency-hint", "dollars");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("ISO 4217"));
    }

    @Test
    void extractsOneFilePlainOrGzipped() throws IOException {
        Path plain = dir.resolve("page.html");
        Files.writeString(plain, PAGE);
        Path gz = dir.resolve("page.html.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(PAGE.getBytes(StandardCharsets.UTF_8));
        }
        for (Path p : List.of(plain, gz)) {
            Result r = run("", "extract", "--url", "https://anvil.example/products/anvil", p.toString());
            assertEquals(0, r.code(), r.err());
            List<JsonNode> lines = r.lines();
            assertEquals(1, lines.size());
            JsonNode n = lines.get(0);
            assertEquals("Anvil", n.path("product_info").path("title").asText());
            assertEquals("12900000", n.path("product_info").path("price").asText());
            assertTrue(r.out().contains("\"price\":12900000"), r.out());
            assertEquals("KRW", n.path("product_info").path("currency").asText());
            assertEquals("https://anvil.example/a.jpg", n.path("product_info").path("images").get(0).asText());
            assertEquals("shopify", n.path("detected_platform").asText());
            assertTrue(n.path("platform_confidence").asDouble() > 0.5);
            assertTrue(n.path("platform_indicators").size() > 0);
            assertTrue(n.has("product_info") && n.size() == 4, n.toString());
        }
    }

    @Test
    void extractDecodesLegacyCharsets() throws IOException {
        Path p = dir.resolve("kr.html");
        String page = "<html><head><meta charset=\"euc-kr\"><title>t</title></head><body><h1>가방</h1>"
                + "<span class=\"price\">12,900원</span></body></html>";
        Files.write(p, page.getBytes(Charset.forName("EUC-KR")));
        JsonNode n = run("", "extract", p.toString()).lines().get(0);
        assertEquals("가방", n.path("product_info").path("title").asText());
        assertEquals(12900, n.path("product_info").path("price").asInt());
        assertEquals("KRW", n.path("product_info").path("currency").asText());
        assertTrue(n.path("detected_platform").isNull());
    }

    @Test
    void batchAnswersEveryLineInOrder() throws IOException {
        Path a = dir.resolve("a.html");
        Files.writeString(a, PAGE);
        String stdin = String.join("\n",
                "{\"file\": \"" + a + "\", \"url\": \"https://anvil.example/p\"}",
                "{\"file\": \"" + dir.resolve("missing.html") + "\"}",
                "not json",
                "",
                "{\"url\": \"https://x.example\"}",
                "{\"file\": \"" + a + "\", \"url\": 5}",
                "{\"file\": \"" + a + "\"}") + "\n";
        Result r = run(stdin, "extract", "--batch");
        assertEquals(0, r.code());
        List<JsonNode> lines = r.lines();
        assertEquals(7, lines.size(), r.out());
        assertEquals("Anvil", lines.get(0).path("product_info").path("title").asText());
        assertEquals("https://anvil.example/a.jpg", lines.get(0).path("product_info").path("images").get(0).asText());
        assertTrue(lines.get(1).path("error").asText().contains("no such file"), lines.get(1).toString());
        assertEquals("invalid JSON line", lines.get(2).path("error").asText());
        assertTrue(lines.get(3).path("error").asText().startsWith("empty line"));
        assertEquals("each line needs a \"file\" string", lines.get(4).path("error").asText());
        assertEquals("\"url\" must be a string", lines.get(5).path("error").asText());
        assertEquals("Anvil", lines.get(6).path("product_info").path("title").asText());
    }

    @Test
    void unreadableSingleFileGivesAnErrorObject() {
        Result r = run("", "extract", dir.resolve("nope.html").toString());
        assertEquals(0, r.code());
        assertTrue(r.lines().get(0).path("error").asText().contains("no such file"));
        Result d = run("", "extract", dir.toString());
        assertTrue(d.lines().get(0).path("error").asText().contains("is a directory"));
    }

    @Test
    void misuseGoesToStderrWithStatus2() {
        for (String[] args : List.of(new String[] {}, new String[] {"frobnicate"}, new String[] {"extract"},
                new String[] {"extract", "a", "b"}, new String[] {"extract", "--url"}, new String[] {"extract", "--batch", "f.html"},
                new String[] {"extract", "--wat", "f.html"}, new String[] {"price", "extra"})) {
            Result r = run("", args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals("", r.out(), String.join(" ", args));
            assertTrue(r.err().contains("Usage:"), String.join(" ", args));
        }
    }

    @Test
    void helpGoesToStdout() {
        // Each help names its command; the offline commands' help shows how they are called.
        Map<List<String>, String> helps = Map.of(List.of("--help"), "gleaner extract", List.of("-h"), "gleaner price",
                List.of("extract", "--help"), "gleaner extract --batch", List.of("price", "--help"), "| gleaner price",
                List.of("help", "extract"), "gleaner extract --batch");
        helps.forEach((args, expected) -> {
            Result r = run("", args.toArray(String[]::new));
            assertEquals(0, r.code());
            assertTrue(r.out().contains(expected), args + ": " + r.out());
            assertEquals("", r.err());
        });
    }

    private static Result runBytes(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void windowsStyleInputIsReadLineByLine() throws IOException {
        // A byte-order mark before the first line, CRLF endings, no newline after the last line.
        Path a = dir.resolve("a.html");
        Files.writeString(a, PAGE);
        String batch = "\ufeff{\"file\": \"" + a + "\"}\r\n{\"file\": \"" + a + "\"}";
        Result r = run(batch, "extract", "--batch");
        assertEquals(2, r.lines().size(), r.out());
        for (JsonNode n : r.lines()) {
            assertEquals("Anvil", n.path("product_info").path("title").asText(), n.toString());
        }
        Result p = run("\ufeff$5\r\n€7,50\r\n12,900원", "price");
        assertEquals(List.of("{\"amount\":5,\"currency\":\"USD\"}", "{\"amount\":7.5,\"currency\":\"EUR\"}",
                "{\"amount\":12900,\"currency\":\"KRW\"}"), List.of(p.out().split("\n")));
    }

    @Test
    void everyPriceLineGetsExactlyOneObjectWhateverItHolds() {
        List<String> inputs = List.of("", "   ", "\t", "Sold out", "call for price", "20% off", "$", "€€€", "12,900원 ~ 15,000원",
                "1.299,00 €", "CHF 1'299.50", "1 299,99 zł", "¥3,500（税込）", "9".repeat(5000), "<span>$1</span>",
                "\u0000\u0001", "NaN", "-5 USD", "1e400", "$1,2,3,4", "US $24.99/ea", "₩1,000,000,000,000,000");
        byte[] text = (String.join("\n", inputs) + "\n").getBytes(StandardCharsets.UTF_8);
        // Invalid UTF-8 in the middle of the stream is one more line, not a crash.
        byte[] bad = {(byte) 0xff, (byte) 0xfe, '1', '0', '\n'};
        byte[] stdin = new byte[text.length + bad.length];
        System.arraycopy(text, 0, stdin, 0, text.length);
        System.arraycopy(bad, 0, stdin, text.length, bad.length);
        Result r = runBytes(stdin, "price");
        assertEquals(0, r.code());
        List<JsonNode> lines = r.lines();
        assertEquals(inputs.size() + 1, lines.size(), r.out());
        for (JsonNode n : lines) {
            assertTrue(n.has("amount") && n.has("currency") && n.size() == 2 || n.has("error"), n.toString());
        }
        assertFalse(r.out().contains("E+") || r.out().contains("E-") || r.out().contains("e+"), r.out());
        assertEquals("1299.5", lines.get(10).path("amount").asText());
        assertEquals("CHF", lines.get(10).path("currency").asText());
        assertEquals("1000000000000000", lines.get(21).path("amount").asText());
    }

    @Test
    void amountsWrittenWithAnExponentInThePageComeOutPlain() throws IOException {
        Path p = dir.resolve("exp.html");
        Files.writeString(p, "<html><head><script type=\"application/ld+json\">{\"@type\":\"Product\",\"name\":\"TV\","
                + "\"offers\":{\"price\":1.29E7,\"priceCurrency\":\"KRW\"},"
                + "\"aggregateRating\":{\"ratingValue\":4.5E0,\"reviewCount\":1.2E3}}</script></head></html>");
        Result r = run("", "extract", "--url", "https://shop.example.kr/p/1", p.toString());
        assertTrue(r.out().contains("\"price\":12900000,"), r.out());
        assertTrue(r.out().contains("\"review_count\":1200"), r.out());
        assertFalse(r.out().contains("E7") || r.out().contains("E+"), r.out());
    }

    @Test
    void corruptGzipIsAnErrorAndAnEmptyPageIsNot() throws IOException {
        Path corrupt = dir.resolve("bad.html.gz");
        Files.write(corrupt, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3});
        Path empty = dir.resolve("empty.html");
        Files.writeString(empty, "");
        String stdin = "{\"file\": \"" + corrupt + "\"}\n{\"file\": \"" + empty + "\"}\n";
        List<JsonNode> lines = run(stdin, "extract", "--batch").lines();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).path("error").asText().contains("gzip"), lines.get(0).toString());
        // An empty page is readable: an empty analysis, not an error.
        assertTrue(lines.get(1).path("product_info").path("title").isNull(), lines.get(1).toString());
        assertTrue(lines.get(1).path("detected_platform").isNull());
    }

    @Test
    void theRealProcessExitsZeroOrTwoAndWritesUtf8() throws Exception {
        // Through main(): System.exit codes and stdout encoding, whatever the platform default.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Process ok = new ProcessBuilder(java, "-Dfile.encoding=ISO-8859-1", "-cp", cp, "dev.gleaner.cli.Main", "price").start();
        try (OutputStream stdin = ok.getOutputStream()) {
            stdin.write("₩12,900\nfree\n".getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ok.waitFor());
        assertEquals("{\"amount\":12900,\"currency\":\"KRW\"}\n{\"amount\":null,\"currency\":null}\n",
                out.replace("\r\n", "\n"));

        Process misuse = new ProcessBuilder(java, "-cp", cp, "dev.gleaner.cli.Main", "frobnicate").start();
        misuse.getOutputStream().close();
        String err = new String(misuse.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, misuse.waitFor());
        assertTrue(err.contains("unknown command: frobnicate"), err);
        assertEquals(0, misuse.getInputStream().readAllBytes().length);
    }
}
