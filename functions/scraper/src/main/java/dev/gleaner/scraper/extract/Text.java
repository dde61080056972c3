package dev.gleaner.scraper.extract;

import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/** Small text clean-ups shared by the extractors. */
final class Text {
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
        v = v.replace('\u00a0', ' ').replaceAll("\\s+", " ").trim();
        return v.isEmpty() ? null : v;
    }

    /** Like {@link #clean} but also strips markup (descriptions are often HTML). */
    static String plain(String s) {
        if (s == null) {
            return null;
        }
        if (s.indexOf('<') >= 0 && s.indexOf('>') > s.indexOf('<')) {
            return clean(Jsoup.parse(s).text());
        }
        return clean(s);
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
