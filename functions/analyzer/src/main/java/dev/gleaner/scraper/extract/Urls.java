package dev.gleaner.scraper.extract;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Makes image and link URLs absolute against the page URL. */
final class Urls {
    private Urls() {}

    /** The absolute http(s) URL, or null for data:, javascript:, blanks and garbage. */
    static String absolute(String base, String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.trim().replace(" ", "%20").replace("\n", "").replace("\r", "").replace("\t", "");
        if (v.isEmpty()) {
            return null;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:") || lower.startsWith("javascript:") || lower.startsWith("blob:")) {
            return null;
        }
        if (v.startsWith("//")) {
            String scheme = "https";
            if (base != null && base.toLowerCase(Locale.ROOT).startsWith("http:")) {
                scheme = "http";
            }
            v = scheme + ":" + v;
            lower = v.toLowerCase(Locale.ROOT);
        }
        try {
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                URI u = new URI(v);
                return u.getHost() == null ? null : u.toString();
            }
            if (base == null || base.isBlank()) {
                return null;
            }
            URI resolved = new URI(base.trim()).resolve(v);
            String scheme = resolved.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            return resolved.toString();
        } catch (Exception e) {
            return null;
        }
    }

    /** Resolves, drops failures and duplicates, keeps order. */
    static List<String> absoluteUnique(String base, Collection<String> raws) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String r : raws) {
            String a = absolute(base, r);
            if (a != null) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }
}
