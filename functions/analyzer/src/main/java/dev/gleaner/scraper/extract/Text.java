package dev.gleaner.scraper.extract;

import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/** Small text clean-ups shared by the extractors. */
final class Text {
    private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>");

    private Text() {}

    /** Trims, collapses whitespace, decodes HTML entities; null when nothing is left. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String v = s;
        if (v.indexOf('&') >= 0) {
            v = Parser.unescapeEntities(v, false);
        }
        StringBuilder b = new StringBuilder(v.length());
        boolean space = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0') {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Like {@link #clean} but also strips markup (descriptions are often HTML). */
    static String plain(String s) {
        if (s == null) {
            return null;
        }
        if (s.indexOf('<') >= 0 && s.indexOf('>') > s.indexOf('<')) {
            // A light strip, not a full parse: descriptions are simple markup, and this runs per field.
            String noScripts = SCRIPT_OR_STYLE.matcher(s).replaceAll(" ");
            return clean(TAG.matcher(noScripts).replaceAll(" ").replace(" .", ".").replace(" ,", ","));
        }
        return clean(s);
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
