package dev.gleaner.scraper.extract;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Product titles without the site's name: {@code og:title} and {@code <title>} often read
 * "Product – Shop", "Product | Shop", "Shop: Product" or, on Naver, "Product : Store".
 */
final class Titles {
    private static final Pattern SEPARATOR = Pattern.compile("\\s+[-|–—:·•»]\\s+|\\s*[|｜]\\s*");

    private Titles() {}

    /**
     * @param siteName the site's name ({@code og:site_name}, {@code application-name}) or null
     * @param heading  the page's first heading or null: if the title is that heading plus a
     *                 separator and more, the heading is the product's name
     */
    static String withoutSiteName(String title, String siteName, String heading) {
        if (title == null) {
            return null;
        }
        String t = title.trim();
        if (siteName != null && !siteName.isBlank() && !t.equalsIgnoreCase(siteName.trim())) {
            String site = siteName.trim();
            String lower = t.toLowerCase(Locale.ROOT);
            String siteLower = site.toLowerCase(Locale.ROOT);
            if (lower.endsWith(siteLower)) {
                String head = t.substring(0, t.length() - site.length());
                String stripped = stripSeparatorAtEnd(head);
                if (stripped != null) {
                    return stripped;
                }
            }
            if (lower.startsWith(siteLower)) {
                String tail = t.substring(site.length());
                String stripped = stripSeparatorAtStart(tail);
                if (stripped != null) {
                    return stripped;
                }
            }
        }
        if (heading != null && heading.length() >= 3 && t.length() > heading.length()
                && t.regionMatches(true, 0, heading, 0, heading.length())
                && SEPARATOR.matcher(t.substring(heading.length())).lookingAt()) {
            return heading;
        }
        return t;
    }

    private static String stripSeparatorAtEnd(String head) {
        var m = Pattern.compile("(?:\\s+[-|–—:·•»]|\\s*[|｜])\\s*$").matcher(head);
        if (m.find()) {
            String v = head.substring(0, m.start()).trim();
            return v.isEmpty() ? null : v;
        }
        return null;
    }

    private static String stripSeparatorAtStart(String tail) {
        var m = Pattern.compile("^\\s*(?:[-|–—:·•»]\\s+|[|｜]\\s*)").matcher(tail);
        if (m.find()) {
            String v = tail.substring(m.end()).trim();
            return v.isEmpty() ? null : v;
        }
        return null;
    }
}
