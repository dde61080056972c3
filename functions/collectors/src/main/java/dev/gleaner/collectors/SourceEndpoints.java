package dev.gleaner.collectors;

import dev.gleaner.core.config.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The origins (scheme, host, optional port; no path) the collectors talk to. The code appends the
 * paths from sources.md. Defaults are the live sites; tests and the local runner point them at a
 * fixture server.
 */
public record SourceEndpoints(
        String babitalkApi,
        String gangnamunni,
        String gangnamunniReviews,
        String naverCafeApi,
        String naverCafeArticle) {


    public static final String LIVE_BABITALK_API = "https://web-api.babitalk.com";
    public static final String LIVE_GANGNAMUNNI = "https://www.gangnamunni.com";
    public static final String LIVE_GANGNAMUNNI_REVIEWS = "https://env.gnsister.com";
    public static final String LIVE_NAVER_CAFE_API = "https://apis.naver.com";
    public static final String LIVE_NAVER_CAFE_ARTICLE = "https://article.cafe.naver.com";

    public SourceEndpoints {
        babitalkApi = origin(Env.BABITALK_API_URL, babitalkApi);
        gangnamunni = origin(Env.GANGNAMUNNI_URL, gangnamunni);
        gangnamunniReviews = origin(Env.GANGNAMUNNI_REVIEWS_URL, gangnamunniReviews);
        naverCafeApi = origin(Env.NAVER_CAFE_API_URL, naverCafeApi);
        naverCafeArticle = origin(Env.NAVER_CAFE_ARTICLE_URL, naverCafeArticle);
    }

    public static SourceEndpoints live() {
        return new SourceEndpoints(LIVE_BABITALK_API, LIVE_GANGNAMUNNI, LIVE_GANGNAMUNNI_REVIEWS,
                LIVE_NAVER_CAFE_API, LIVE_NAVER_CAFE_ARTICLE);
    }

    /** Reads the five origins from the environment (see {@link Env}); unset ones are the live sites. */
    public static SourceEndpoints fromEnv() {
        return new SourceEndpoints(
                Env.getOrDefault(Env.BABITALK_API_URL, LIVE_BABITALK_API),
                Env.getOrDefault(Env.GANGNAMUNNI_URL, LIVE_GANGNAMUNNI),
                Env.getOrDefault(Env.GANGNAMUNNI_REVIEWS_URL, LIVE_GANGNAMUNNI_REVIEWS),
                Env.getOrDefault(Env.NAVER_CAFE_API_URL, LIVE_NAVER_CAFE_API),
                Env.getOrDefault(Env.NAVER_CAFE_ARTICLE_URL, LIVE_NAVER_CAFE_ARTICLE));
    }

    /**
     * The environment variable that sets the origin {@code uri} belongs to (for messages such as
     * "set BABITALK_API_URL to use another origin"); empty for any other URI.
     */
    public Optional<String> variableFor(URI uri) {
        String origin = originOf(uri);
        if (origin == null) {
            return Optional.empty();
        }
        Map<String, String> byVariable = new LinkedHashMap<>();
        byVariable.put(Env.BABITALK_API_URL, babitalkApi);
        byVariable.put(Env.GANGNAMUNNI_URL, gangnamunni);
        byVariable.put(Env.GANGNAMUNNI_REVIEWS_URL, gangnamunniReviews);
        byVariable.put(Env.NAVER_CAFE_API_URL, naverCafeApi);
        byVariable.put(Env.NAVER_CAFE_ARTICLE_URL, naverCafeArticle);
        return byVariable.entrySet().stream().filter(e -> origin.equals(originOf(URI.create(e.getValue()))))
                .map(Map.Entry::getKey).findFirst();
    }

    private static String originOf(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** Every source at one origin (a local fixture server). */
    public static SourceEndpoints allAt(String origin) {
        return new SourceEndpoints(origin, origin, origin, origin, origin);
    }

    /** Normalises an origin (drops one trailing slash) and rejects anything with a path or query. */
    private static String origin(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is empty; expected an origin such as https://host[:port]");
        }
        String v = value.trim();
        if (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(name + " must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(name + " must name a host (and no user info)");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must be an origin only (scheme, host, port), without a path");
        }
        return v;
    }
}
