package dev.gleaner.collectors.gangnamunni;

/** Finds the JSON of a Next.js page: {@code <script id="__NEXT_DATA__" type="application/json">...</script>}. */
final class NextData {
    private NextData() {}

    /** The script's text, or null when the page has none. */
    static String extract(String html) {
        if (html == null) {
            return null;
        }
        int from = 0;
        while (true) {
            int idx = html.indexOf("__NEXT_DATA__", from);
            if (idx < 0) {
                return null;
            }
            from = idx + 13;
            int tagStart = html.lastIndexOf('<', idx);
            if (tagStart < 0 || html.indexOf('>', tagStart) < idx) {
                continue;
            }
            if (!html.regionMatches(true, tagStart, "<script", 0, 7)) {
                continue;
            }
            String opening = html.substring(tagStart, idx);
            if (!opening.matches("(?is)<script\\b.*\\bid\\s*=\\s*[\"']?")) {
                continue;
            }
            int open = html.indexOf('>', idx);
            if (open < 0) {
                return null;
            }
            int close = indexOfIgnoreCase(html, "</script", open + 1);
            return close < 0 ? null : html.substring(open + 1, close).trim();
        }
    }

    private static int indexOfIgnoreCase(String s, String needle, int from) {
        for (int i = Math.max(0, from); i <= s.length() - needle.length(); i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
