package dev.gleaner.core.scrape;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The URL a cache entry is keyed by: scheme and host lower-cased, default port and fragment
 * dropped, an empty path written "/", tracking parameters (utm_*, fbclid, gclid, ...) removed and
 * the remaining query parameters sorted. Two URLs of the same page share one cache entry.
 */
public final class UrlNormalizer {
    private static final List<String> TRACKING_PREFIXES = List.of("utm_");
    private static final List<String> TRACKING = List.of("fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid",
            "mc_eid", "_ga", "_gl", "igshid", "ref_src");

    private UrlNormalizer() {}

    public static String normalize(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String p : uri.getRawQuery().split("&")) {
                if (p.isEmpty()) {
                    continue;
                }
                String name = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
                String lower = name.toLowerCase(Locale.ROOT);
                if (TRACKING.contains(lower) || TRACKING_PREFIXES.stream().anyMatch(lower::startsWith)) {
                    continue;
                }
                params.add(p);
            }
        }
        params.sort(null);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path
                + (params.isEmpty() ? "" : "?" + String.join("&", params));
    }
}
