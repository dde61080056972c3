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
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"extract", "--help"},
                new String[] {"price", "--help"})) {
            Result r = run("", args);
            assertEquals(0, r.code());
            assertTrue(r.out().contains("gleaner extract --batch"));
            assertEquals("", r.err());
        }
    }
}
