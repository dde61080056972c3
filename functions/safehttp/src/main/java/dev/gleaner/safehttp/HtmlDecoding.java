package dev.gleaner.safehttp;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns page bytes into text the way browsers do, simplified: a byte-order mark wins, then the
 * Content-Type charset, then a {@code <meta charset>} / {@code http-equiv} declaration in the
 * first bytes, else UTF-8. Legacy labels map to the superset browsers really use (EUC-KR is
 * decoded as windows-949, Shift_JIS as windows-31j, GB2312 as GBK, Latin-1 as windows-1252).
 */
public final class HtmlDecoding {
    private static final int PRESCAN_BYTES = 4096;
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]{0,512}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_\\-:.]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CT_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([^\"';\\s]+)", Pattern.CASE_INSENSITIVE);

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("euc-kr", "x-windows-949"), Map.entry("euckr", "x-windows-949"),
            Map.entry("ks_c_5601-1987", "x-windows-949"), Map.entry("ksc5601", "x-windows-949"),
            Map.entry("cp949", "x-windows-949"), Map.entry("windows-949", "x-windows-949"),
            Map.entry("shift_jis", "windows-31j"), Map.entry("shift-jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"), Map.entry("x-sjis", "windows-31j"), Map.entry("ms_kanji", "windows-31j"),
            Map.entry("gb2312", "GBK"), Map.entry("gb_2312-80", "GBK"), Map.entry("x-gbk", "GBK"),
            Map.entry("iso-8859-1", "windows-1252"), Map.entry("latin1", "windows-1252"),
            Map.entry("us-ascii", "windows-1252"), Map.entry("ascii", "windows-1252"),
            Map.entry("x-user-defined", "windows-1252"));

    private HtmlDecoding() {}

    /** Decodes {@code length} bytes of a page served with {@code contentType} (may be null). */
    public static String decode(byte[] bytes, int length, String contentType) {
        int bom = bomLength(bytes, length);
        Charset cs = detect(bytes, length, contentType);
        return new String(bytes, bom, length - bom, cs);
    }

    public static String decode(byte[] bytes, String contentType) {
        return decode(bytes, bytes.length, contentType);
    }

    public static Charset detect(byte[] bytes, int length, String contentType) {
        if (length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        if (length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        if (contentType != null) {
            Matcher m = CT_CHARSET.matcher(contentType);
            if (m.find()) {
                Charset cs = lookup(m.group(1));
                if (cs != null) {
                    return cs;
                }
            }
        }
        String head = new String(bytes, 0, Math.min(length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        if (m.find()) {
            Charset cs = lookup(m.group(1));
            // A page that reached us as bytes and says UTF-16 in ASCII cannot be UTF-16.
            if (cs != null && !cs.name().startsWith("UTF-16")) {
                return cs;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** A charset for a label, with browser aliases; null when unknown. */
    public static Charset lookup(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        String name = ALIASES.getOrDefault(l, l);
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static int bomLength(byte[] b, int length) {
        if (length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return 3;
        }
        if (length >= 2 && ((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff || (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe)) {
            return 2;
        }
        return 0;
    }
}
