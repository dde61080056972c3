package dev.gleaner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.safehttp.HtmlDecoding;
import dev.gleaner.scraper.Analysis;
import dev.gleaner.scraper.ProductPageAnalyzer;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** The offline commands' shared pieces: reading saved pages, error objects. Nothing here touches the network. */
final class Offline {
    /** Larger inputs are refused rather than risking the heap: no product page is this big. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private Offline() {}

    static String analyzeFile(ProductPageAnalyzer analyzer, String file, String url) {
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
            } catch (ZipException e) {
                throw new IOException("corrupt gzip data");
            } catch (EOFException e) {
                throw new IOException("truncated gzip data");
            }
        }
        return HtmlDecoding.decode(bytes, null);
    }

    /** Files saved by some Windows tools start with a byte-order mark: it is not part of the first line. */
    static String withoutBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\ufeff' ? line.substring(1) : line;
    }

    static String error(String message) {
        ObjectNode n = Json.object();
        n.put("error", message);
        return Json.write(n);
    }
}
