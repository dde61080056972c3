package dev.gleaner.safehttp;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Headers that make a request look like an ordinary desktop browser's. */
public final class BrowserHeaders {
    /** A current desktop Chrome on Windows: what most shoppers send. */
    public static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36";
    public static final String DEFAULT_ACCEPT_LANGUAGE = "en-US,en;q=0.9";
    public static final String ACCEPT_HTML =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    public static final String ACCEPT_JSON = "application/json, text/plain, */*";

    private static final Pattern LANGUAGE = Pattern.compile("([a-zA-Z]{2})(?:[-_]([a-zA-Z]{2}))?");
    private static final Map<String, String> REGIONS = Map.ofEntries(
            Map.entry("ko", "KR"), Map.entry("ja", "JP"), Map.entry("zh", "CN"), Map.entry("en", "US"),
            Map.entry("de", "DE"), Map.entry("fr", "FR"), Map.entry("es", "ES"), Map.entry("it", "IT"),
            Map.entry("pt", "BR"), Map.entry("nl", "NL"), Map.entry("pl", "PL"), Map.entry("ru", "RU"),
            Map.entry("tr", "TR"), Map.entry("vi", "VN"), Map.entry("th", "TH"), Map.entry("id", "ID"),
            Map.entry("sv", "SE"), Map.entry("da", "DK"), Map.entry("nb", "NO"), Map.entry("no", "NO"),
            Map.entry("fi", "FI"), Map.entry("cs", "CZ"), Map.entry("hu", "HU"), Map.entry("ro", "RO"),
            Map.entry("uk", "UA"), Map.entry("el", "GR"), Map.entry("he", "IL"), Map.entry("ar", "SA"),
            Map.entry("hi", "IN"), Map.entry("ms", "MY"));

    private BrowserHeaders() {}

    /**
     * {@code Accept-Language} for an ISO 639-1 code (optionally with a region: {@code pt-BR}):
     * {@code ko} gives {@code ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7}. Null, blank or malformed codes
     * give the default (US English).
     */
    public static String acceptLanguage(String language) {
        if (language == null) {
            return DEFAULT_ACCEPT_LANGUAGE;
        }
        var m = LANGUAGE.matcher(language.trim());
        if (!m.matches()) {
            return DEFAULT_ACCEPT_LANGUAGE;
        }
        String lang = m.group(1).toLowerCase(Locale.ROOT);
        String region = m.group(2) != null ? m.group(2).toUpperCase(Locale.ROOT) : REGIONS.get(lang);
        String primary = region == null ? lang : lang + "-" + region;
        if (lang.equals("en")) {
            return primary.equals("en") ? "en;q=1.0" : primary + ",en;q=0.9";
        }
        return (region == null ? lang : primary + "," + lang + ";q=0.9") + ",en-US;q=0.8,en;q=0.7";
    }
}
