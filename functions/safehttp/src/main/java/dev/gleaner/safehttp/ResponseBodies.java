package dev.gleaner.safehttp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads a response body the one way every caller does: undoes {@code Content-Encoding} (gzip,
 * deflate, either deflate flavour), stops at a size cap counted after decompression (so a
 * compressed bomb is refused as early as a plain oversized body), and decodes the text with
 * {@link HtmlDecoding} (BOM, Content-Type charset, {@code <meta charset>}, browser aliases).
 * Requests must send their own {@code Accept-Encoding} so OkHttp leaves decoding to this class.
 */
public final class ResponseBodies {
    /** The body is larger than the cap. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("response body over the limit", null);
        }
    }

    /** A {@code Content-Encoding} we cannot undo. */
    public static final class UnsupportedEncoding extends IOException {
        private static final long serialVersionUID = 1L;
        private final String coding;

        UnsupportedEncoding(String coding) {
            super("unsupported content encoding (" + coding + ")", null);
            this.coding = coding;
        }

        public String coding() {
            return coding;
        }
    }

    private ResponseBodies() {}

    /** The decoded bytes of {@code response}'s body, at most {@code maxBytes} of them. */
    public static byte[] bytes(Response response, long maxBytes) throws IOException {
        ResponseBody body = response.body();
        String encoding = response.header("Content-Encoding");
        long declared = body.contentLength();
        boolean identity = encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity");
        if (identity && declared > maxBytes) {
            throw new TooLarge();
        }
        try (InputStream in = decoded(body.byteStream(), encoding)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 16 * 1024), maxBytes + 1));
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLarge();
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The body as text: {@link #bytes} decoded by {@link HtmlDecoding}. */
    public static String text(Response response, long maxBytes) throws IOException {
        return HtmlDecoding.decode(bytes(response, maxBytes), response.header("Content-Type"));
    }

    private static InputStream decoded(InputStream raw, String contentEncoding) throws IOException {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return raw;
        }
        InputStream in = raw;
        String[] codings = contentEncoding.toLowerCase(Locale.ROOT).split(",");
        // Codings are listed in the order they were applied: undo them last-first.
        for (int i = codings.length - 1; i >= 0; i--) {
            String c = codings[i].trim();
            switch (c) {
                case "", "identity" -> { }
                case "gzip", "x-gzip" -> in = gunzip(in);
                case "deflate" -> in = inflating(in);
                default -> throw new UnsupportedEncoding(c);
            }
        }
        return in;
    }

    /** An empty body stays empty (some servers label an empty 204/304 as gzip). */
    private static InputStream gunzip(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 1);
        int b0 = p.read();
        if (b0 == -1) {
            return InputStream.nullInputStream();
        }
        p.unread(b0);
        return new GZIPInputStream(p, 16 * 1024);
    }

    /** "deflate" is zlib-wrapped per the RFC, but some servers send raw deflate: sniff the header. */
    private static InputStream inflating(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 2);
        int b0 = p.read();
        int b1 = b0 == -1 ? -1 : p.read();
        if (b1 != -1) {
            p.unread(b1);
        }
        if (b0 != -1) {
            p.unread(b0);
        }
        boolean zlib = b0 != -1 && b1 != -1 && (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0;
        return new InflaterInputStream(p, new Inflater(!zlib), 16 * 1024);
    }
}
