package dev.gleaner.collectors.support;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code origin + path + ?query} with each name and value URL-encoded. */
public final class Query {
    private final String originAndPath;
    private final Map<String, String> params = new LinkedHashMap<>();

    private Query(String originAndPath) {
        this.originAndPath = originAndPath;
    }

    public static Query of(String origin, String path) {
        return new Query(origin + path);
    }

    public Query param(String name, Object value) {
        params.put(name, value == null ? "" : String.valueOf(value));
        return this;
    }

    public URI uri() {
        StringBuilder sb = new StringBuilder(originAndPath);
        char sep = originAndPath.indexOf('?') >= 0 ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    /** A path segment (ids come from responses, so they are encoded too). */
    public static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
