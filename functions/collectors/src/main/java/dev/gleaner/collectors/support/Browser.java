package dev.gleaner.collectors.support;

import java.net.http.HttpRequest;

/** Headers a desktop Chrome sends; the sources serve browsers, so we look like one. */
public final class Browser {
    public static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36";
    public static final String ACCEPT_JSON = "application/json, text/plain, */*";
    public static final String ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    public static final String ACCEPT_LANGUAGE = "ko-KR,ko;q=0.9,en;q=0.8";

    private Browser() {}

    /** User-Agent, Accept-Language, gzip, plus the given Accept. */
    public static HttpRequest.Builder base(HttpRequest.Builder b, String accept) {
        return b.header("User-Agent", USER_AGENT)
                .header("Accept", accept)
                .header("Accept-Language", ACCEPT_LANGUAGE)
                .header("Accept-Encoding", "gzip");
    }

    /** A script call from a page of {@code pageOrigin} (Sec-Fetch-* of a cross-origin XHR). */
    public static HttpRequest.Builder xhr(HttpRequest.Builder b, String pageOrigin, String site) {
        return base(b, ACCEPT_JSON)
                .header("Origin", pageOrigin)
                .header("Referer", pageOrigin + "/")
                .header("Sec-Fetch-Dest", "empty")
                .header("Sec-Fetch-Mode", "cors")
                .header("Sec-Fetch-Site", site);
    }
}
