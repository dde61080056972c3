package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.gleaner.core.json.Json;

/**
 * Reads the JSON found in pages, which is often not quite JSON: raw newlines inside strings,
 * trailing commas, comments, HTML comment or CDATA wrappers, a stray semicolon.
 */
final class LenientJson {
    private static final ObjectReader READER = Json.MAPPER.reader()
            .withFeatures(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS);

    private LenientJson() {}

    /** The parsed value, or null when the text cannot be read as JSON even leniently. */
    static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        t = strip(t, "<!--", "-->");
        t = strip(t, "//<![CDATA[", "//]]>");
        t = strip(t, "<![CDATA[", "]]>");
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        if (t.isEmpty()) {
            return null;
        }
        try {
            return READER.readTree(t);
        } catch (Exception first) {
            // Some pages put two objects in one script, or junk after the value: keep the first value.
            int end = matchingEnd(t, 0);
            if (end > 0 && end < t.length()) {
                try {
                    return READER.readTree(t.substring(0, end));
                } catch (Exception ignored) {
                    return null;
                }
            }
            return null;
        }
    }

    private static String strip(String t, String open, String close) {
        String v = t;
        if (v.startsWith(open)) {
            v = v.substring(open.length()).trim();
        }
        if (v.endsWith(close)) {
            v = v.substring(0, v.length() - close.length()).trim();
        }
        return v;
    }

    /**
     * In JavaScript source, the JSON object or array that starts at the first '{' or '[' at or
     * after {@code from}; null when there is none or it is not closed.
     */
    static String objectAt(String js, int from) {
        int start = -1;
        for (int i = from; i < js.length(); i++) {
            char c = js.charAt(i);
            if (c == '{' || c == '[') {
                start = i;
                break;
            }
            if (!Character.isWhitespace(c) && c != '=' && c != ':' && c != '(') {
                return null;
            }
        }
        if (start < 0) {
            return null;
        }
        int end = matchingEnd(js, start);
        return end < 0 ? null : js.substring(start, end);
    }

    /** Index just after the bracket closing the one at {@code start}, honouring strings; -1 if none. */
    static int matchingEnd(String s, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '"', '\'' -> quote = c;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                default -> { }
            }
        }
        return -1;
    }
}
