package dev.gleaner.collectors.support;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTML to plain text without a parser library: one linear pass that drops tags, comments and the
 * content of script/style-like elements, turns block boundaries and {@code <br>} into line
 * breaks, decodes entities, and tidies whitespace. It never executes or resolves anything, copes
 * with broken markup (an unclosed tag or comment swallows the rest; a stray {@code <} stays
 * text), and runs in time linear in the input.
 *
 * <p>Not jsoup's {@code Entities} (all 2,231 HTML5 names): this class runs in the workflow Lambda,
 * whose jar must stay under 15 MB (TemplateTest), and jsoup's 0.5 MB does not fit there; the names
 * below are the ones the sources' posts use.
 */
public final class HtmlText {
    private static final Set<String> SKIP_CONTENT = Set.of("script", "style", "noscript", "template", "head", "title",
            "iframe", "object", "svg", "math", "select", "textarea");
    private static final Set<String> BLOCK = Set.of("p", "div", "li", "ul", "ol", "tr", "table", "thead", "tbody",
            "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "header", "footer",
            "aside", "nav", "figure", "figcaption", "dl", "dt", "dd", "hr", "address", "main", "form", "fieldset",
            "details", "summary", "caption");
    private static final Set<String> CELL = Set.of("td", "th");
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("middot", "·"), Map.entry("hellip", "…"),
            Map.entry("ndash", "–"), Map.entry("mdash", "—"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"),
            Map.entry("ldquo", "“"), Map.entry("rdquo", "”"), Map.entry("laquo", "«"), Map.entry("raquo", "»"),
            Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("trade", "™"), Map.entry("times", "×"),
            Map.entry("divide", "÷"), Map.entry("bull", "•"), Map.entry("deg", "°"), Map.entry("plusmn", "±"),
            Map.entry("won", "₩"), Map.entry("yen", "¥"), Map.entry("euro", "€"), Map.entry("pound", "£"),
            Map.entry("cent", "¢"), Map.entry("sect", "§"), Map.entry("para", "¶"), Map.entry("ensp", " "),
            Map.entry("emsp", " "), Map.entry("thinsp", " "), Map.entry("zwj", ""), Map.entry("zwnj", ""),
            Map.entry("shy", ""), Map.entry("larr", "←"), Map.entry("rarr", "→"), Map.entry("uarr", "↑"),
            Map.entry("darr", "↓"), Map.entry("hearts", "♥"), Map.entry("star", "☆"));

    private HtmlText() {}

    /** Plain text of an HTML fragment; null stays null. */
    public static String toText(String html) {
        if (html == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 16));
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                if (i + 1 < n && (html.charAt(i + 1) == '!' || html.charAt(i + 1) == '?')) {
                    i = tagEnd(html, i + 2);
                    continue;
                }
                int k = i + 1;
                boolean closing = k < n && html.charAt(k) == '/';
                if (closing) {
                    k++;
                }
                int nameStart = k;
                while (k < n && (Character.isLetterOrDigit(html.charAt(k)) || html.charAt(k) == '-' || html.charAt(k) == ':')) {
                    k++;
                }
                if (k == nameStart || !Character.isLetter(html.charAt(nameStart))) {
                    out.append('<');
                    i++;
                    continue;
                }
                String name = html.substring(nameStart, k).toLowerCase(Locale.ROOT);
                int after = tagEnd(html, k);
                if (!closing && SKIP_CONTENT.contains(name) && !selfClosed(html, after)) {
                    i = skipElement(html, after, name);
                    continue;
                }
                if (name.equals("br")) {
                    out.append('\n');
                } else if (BLOCK.contains(name)) {
                    out.append('\n');
                } else if (CELL.contains(name) && !closing) {
                    out.append(' ');
                }
                i = after;
            } else if (c == '&') {
                i = entity(html, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return tidy(out);
    }

    /** Decodes entities only (for names such as Naver board names). */
    public static String unescape(String text) {
        if (text == null || text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '&') {
                i = entity(text, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Index just after the '>' closing a tag that starts before {@code from}, quotes respected. */
    private static int tagEnd(String s, int from) {
        char quote = 0;
        for (int j = from; j < s.length(); j++) {
            char c = s.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return j + 1;
            }
        }
        return s.length();
    }

    private static boolean selfClosed(String s, int after) {
        return after >= 2 && after <= s.length() && s.charAt(after - 1) == '>' && s.charAt(after - 2) == '/';
    }

    /** Skips to just after {@code </name ...>} (case-insensitive), or to the end. */
    private static int skipElement(String s, int from, String name) {
        int j = from;
        int n = s.length();
        while (j < n) {
            int lt = s.indexOf("</", j);
            if (lt < 0) {
                return n;
            }
            int k = lt + 2;
            if (s.regionMatches(true, k, name, 0, name.length())) {
                int e = k + name.length();
                if (e >= n || !Character.isLetterOrDigit(s.charAt(e))) {
                    return tagEnd(s, e);
                }
            }
            j = lt + 2;
        }
        return n;
    }

    /** Decodes the entity at {@code i} (which is '&') into {@code out}; returns the next index. */
    private static int entity(String s, int i, StringBuilder out) {
        int semi = -1;
        int limit = Math.min(s.length(), i + 12);
        for (int j = i + 1; j < limit; j++) {
            char c = s.charAt(j);
            if (c == ';') {
                semi = j;
                break;
            }
            if (!(Character.isLetterOrDigit(c) || c == '#')) {
                break;
            }
        }
        if (semi < 0) {
            out.append('&');
            return i + 1;
        }
        String body = s.substring(i + 1, semi);
        if (body.startsWith("#")) {
            try {
                int cp = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X')
                        ? Integer.parseInt(body.substring(2), 16)
                        : Integer.parseInt(body.substring(1));
                if (cp == 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    out.append('\uFFFD');
                } else {
                    out.appendCodePoint(cp);
                }
                return semi + 1;
            } catch (NumberFormatException e) {
                out.append('&');
                return i + 1;
            }
        }
        String v = ENTITIES.get(body);
        if (v == null) {
            v = ENTITIES.get(body.toLowerCase(Locale.ROOT));
        }
        if (v == null) {
            out.append('&');
            return i + 1;
        }
        out.append(v);
        return semi + 1;
    }

    /** Trims each line, collapses runs of spaces, keeps at most one empty line between paragraphs. */
    private static String tidy(CharSequence raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int blank = 0;
        for (String line : raw.toString().split("\\r?\\n|\\r", -1)) {
            String l = line.replace('\u00A0', ' ').replace("\u200B", "").replace("\uFEFF", "")
                    .replaceAll("[ \\t\\f\\u2002\\u2003\\u2009]+", " ").trim();
            if (l.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blank > 1 ? "\n\n" : "\n");
            }
            out.append(l);
            blank = 0;
        }
        return out.toString();
    }
}
