package dev.gleaner.safehttp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One GET to make. Immutable; the {@code with*} methods return copies.
 *
 * @param userAgent null for the default desktop Chrome
 * @param language  ISO 639-1 code sent as {@code Accept-Language}; null for US English
 * @param proxy     {@code http://[user:pass@]host:port} or null; a secret, left out of {@link #toString()}
 * @param expect    which content types count as success
 * @param headers   extra request headers (never logged)
 */
public record FetchRequest(String url, String userAgent, String language, String proxy, Expect expect,
        Map<String, String> headers) {

    /** The content a caller can use. */
    public enum Expect {
        /** {@code text/html} or XHTML (or untyped text that starts like markup). */
        HTML,
        /** JSON ({@code application/json}, {@code +json}, or untyped text). */
        JSON,
        /** Anything. */
        ANY
    }

    public FetchRequest {
        expect = expect == null ? Expect.HTML : expect;
        headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
    }

    public static FetchRequest html(String url) {
        return new FetchRequest(url, null, null, null, Expect.HTML, Map.of());
    }

    public static FetchRequest json(String url) {
        return new FetchRequest(url, null, null, null, Expect.JSON, Map.of());
    }

    public FetchRequest withUrl(String v) {
        return new FetchRequest(v, userAgent, language, proxy, expect, headers);
    }

    public FetchRequest withUserAgent(String v) {
        return new FetchRequest(url, v, language, proxy, expect, headers);
    }

    public FetchRequest withLanguage(String v) {
        return new FetchRequest(url, userAgent, v, proxy, expect, headers);
    }

    public FetchRequest withProxy(String v) {
        return new FetchRequest(url, userAgent, language, v, expect, headers);
    }

    public FetchRequest withExpect(Expect v) {
        return new FetchRequest(url, userAgent, language, proxy, v, headers);
    }

    public FetchRequest withHeaders(Map<String, String> v) {
        return new FetchRequest(url, userAgent, language, proxy, expect, v);
    }

    @Override
    public String toString() {
        return "FetchRequest[" + url + ", expect=" + expect + (proxy == null ? "" : ", proxy=***")
                + (language == null ? "" : ", language=" + language) + "]";
    }
}
