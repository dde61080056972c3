package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.safehttp.HtmlDecoding;
import dev.gleaner.scraper.Analysis;
import dev.gleaner.scraper.ProductPageAnalyzer;
import dev.gleaner.scraper.price.Price;
import dev.gleaner.scraper.price.PriceHints;
import dev.gleaner.scraper.price.PriceParser;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * {@code java -jar gleaner.jar extract|price ...}: the scraper's pure logic on local files and
 * stdin, one JSON object per line. Nothing here touches the network.
 */
public final class Main {
    static final int OK = 0;
    static final int USAGE = 2;
    /** Larger inputs are refused rather than risking the heap: no product page is this big. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    static final String HELP = """
            Usage:
              gleaner extract [--url URL] FILE     analyse one saved product page (FILE may be .gz)
              gleaner extract --batch              read NDJSON lines {"file": ..., "url": ...} on stdin
              gleaner price [--currency-hint CODE] read one price text per stdin line
              gleaner --help

            Output: one JSON object per input, in input order.
              extract: {"product_info": {...}, "detected_platform": ..., "platform_confidence": ..., "platform_indicators": [...]}
              price:   {"amount": 1299.99, "currency": "USD"}  ({"amount": null, "currency": null} when there is no price)
              An input that cannot be read gives {"error": "..."}. Exit status 0, or 2 when misused.
            """;

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, System.in, out, err);
        out.flush();
        System.exit(code);
    }

    /** The whole CLI, with its streams passed in (tests call this). Returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(HELP);
            return USAGE;
        }
        String command = args[0];
        List<String> rest = List.of(args).subList(1, args.length);
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.print(HELP);
            return OK;
        }
        try {
            return switch (command) {
                case "extract" -> extract(rest, in, out);
                case "price" -> price(rest, in, out);
                default -> throw new UsageException("unknown command: " + command);
            };
        } catch (UsageException e) {
            err.println("gleaner: " + e.getMessage());
            err.print(HELP);
            return USAGE;
        } catch (IOException e) {
            err.println("gleaner: cannot read standard input: " + e.getMessage());
            return OK;
        } finally {
            out.flush();
        }
    }

    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private static int extract(List<String> args, InputStream in, PrintStream out) throws UsageException, IOException {
        String url = null;
        boolean batch = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--help", "-h" -> {
                    out.print(HELP);
                    return OK;
                }
                case "--batch" -> batch = true;
                case "--url" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--url needs a value");
                    }
                    url = args.get(++i);
                }
                default -> {
                    if (a.startsWith("--url=")) {
                        url = a.substring("--url=".length());
                    } else if (a.startsWith("-") && !a.equals("-")) {
                        throw new UsageException("unknown option for extract: " + a);
                    } else {
                        files.add(a);
                    }
                }
            }
        }
        ProductPageAnalyzer analyzer = new ProductPageAnalyzer();
        if (batch) {
            if (!files.isEmpty() || url != null) {
                throw new UsageException("extract --batch takes no FILE or --url (they come on stdin)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean first = true;
            while ((line = reader.readLine()) != null) {
                out.println(batchLine(analyzer, first ? withoutBom(line) : line));
                out.flush();
                first = false;
            }
            return OK;
        }
        if (files.size() != 1) {
            throw new UsageException(files.isEmpty() ? "extract needs a FILE (or --batch)" : "extract takes one FILE");
        }
        out.println(analyzeFile(analyzer, files.get(0), url));
        return OK;
    }

    private static String batchLine(ProductPageAnalyzer analyzer, String line) {
        if (line.isBlank()) {
            return error("empty line: expected {\"file\": ..., \"url\": ...}");
        }
        JsonNode node;
        try {
            node = Json.parse(line);
        } catch (IOException e) {
            return error("invalid JSON line");
        }
        if (!node.isObject() || !node.path("file").isTextual() || node.path("file").asText().isBlank()) {
            return error("each line needs a \"file\" string");
        }
        JsonNode url = node.get("url");
        if (url != null && !url.isNull() && !url.isTextual()) {
            return error("\"url\" must be a string");
        }
        return analyzeFile(analyzer, node.get("file").asText(), url == null || url.isNull() ? null : url.asText());
    }

    private static String analyzeFile(ProductPageAnalyzer analyzer, String file, String url) {
        try {
            String html;
            try {
                html = readPage(file);
            } catch (NoSuchFileException e) {
                return error("cannot read " + file + ": no such file");
            } catch (IOException | InvalidPathException e) {
                return error("cannot read " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
            try {
                Analysis a = analyzer.analyze(html, url, null, null);
                return Json.write(a);
            } catch (RuntimeException | StackOverflowError e) {
                // Extraction is written never to throw; if it does, the line still gets an answer.
                return error("cannot analyse " + file + ": " + e.getClass().getSimpleName());
            }
        } catch (OutOfMemoryError e) {
            // One huge page must not end a batch: what it allocated is garbage once we return.
            return error("cannot analyse " + file + ": not enough memory for this page (raise -Xmx)");
        }
    }

    /** Reads a saved page, gunzipping when the bytes say gzip, and decodes it like a browser would. */
    static String readPage(String file) throws IOException {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        if (Files.size(path) > MAX_FILE_BYTES) {
            throw new IOException("larger than " + (MAX_FILE_BYTES / (1024 * 1024)) + " MB");
        }
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = gz.readNBytes((int) MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw new IOException("larger than " + (MAX_FILE_BYTES / (1024 * 1024)) + " MB once decompressed");
                }
            } catch (java.util.zip.ZipException e) {
                throw new IOException("corrupt gzip data");
            } catch (java.io.EOFException e) {
                throw new IOException("truncated gzip data");
            }
        }
        return HtmlDecoding.decode(bytes, null);
    }

    private static int price(List<String> args, InputStream in, PrintStream out) throws UsageException, IOException {
        String hint = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.print(HELP);
                return OK;
            } else if (a.equals("--currency-hint")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--currency-hint needs a value");
                }
                hint = args.get(++i);
            } else if (a.startsWith("--currency-hint=")) {
                hint = a.substring("--currency-hint=".length());
            } else {
                throw new UsageException("unknown argument for price: " + a);
            }
        }
        PriceHints hints = PriceHints.NONE.withCurrencyHint(hint);
        if (hint != null && hints.currencyHint() == null) {
            throw new UsageException("--currency-hint must be an ISO 4217 code such as USD or KRW");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        boolean first = true;
        while ((line = reader.readLine()) != null) {
            if (first) {
                line = withoutBom(line);
                first = false;
            }
            ObjectNode result = Json.object();
            try {
                Price p = PriceParser.parse(line, hints);
                result.put("amount", p.amount());
                result.put("currency", p.currency());
            } catch (RuntimeException e) {
                result = Json.object();
                result.put("error", "cannot parse price: " + e.getClass().getSimpleName());
            }
            out.println(Json.write(result));
            out.flush();
        }
        return OK;
    }

    /** Files saved by some Windows tools start with a byte-order mark: it is not part of the first line. */
    static String withoutBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\ufeff' ? line.substring(1) : line;
    }

    private static String error(String message) {
        ObjectNode n = Json.object();
        n.put("error", message);
        return Json.write(n);
    }
}
