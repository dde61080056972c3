package dev.gleaner.collectors.support;

import dev.gleaner.safehttp.BrowserHeaders;
import okhttp3.Request;

/**
 * Headers a desktop Chrome sends; the sources serve browsers, so we look like one (the same
 * browser as the scraper's {@link BrowserHeaders}, with Korean first in Accept-Language).
 */
public final class Browser {
    public static final String USER_AGENT = BrowserHeaders.DEFAULT_USER_AGENT;
    public static final String ACCEPT_JSON = BrowserHeaders.ACCEPT_JSON;
    public static final String ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    public static final String ACCEPT_LANGUAGE = "ko-KR,ko;q=0.9,en;q=0.8";

    private Browser() {}

    /** User-Agent, Accept-Language, gzip, plus the given Accept. */
    public static Request.Builder base(Request.Builder b, String accept) {
        return b.header("User-Agent", USER_AGENT)
                .header("Accept", accept)
                .header("Accept-Language", ACCEPT_LANGUAGE)
                .header("Accept-Encoding", "gzip");
    }

    /** A script call from a page of {@code pageOrigin} (Sec-Fetch-* of a cross-origin XHR). */
    public static Request.Builder xhr(Request.Builder b, String pageOrigin, String site) {
        return base(b, ACCEPT_JSON)
                .header("Origin", pageOrigin)
                .header("Referer", pageOrigin + "/")
                .header("Sec-Fetch-Dest", "empty")
                .header("Sec-Fetch-Mode", "cors")
                .header("Sec-Fetch-Site", site);
    }
}
