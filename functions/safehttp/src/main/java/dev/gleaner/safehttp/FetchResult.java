package dev.gleaner.safehttp;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A successful (2xx) response after redirects.
 *
 * @param finalUrl      the URL that answered (after redirects)
 * @param headers       the final response's headers, names lower-case, values in order
 * @param cookies       {@code name=value} of every cookie set along the way (all hops)
 * @param contentType   the Content-Type header, or null
 * @param body          the decoded text (charset from Content-Type, then {@code <meta charset>}, else UTF-8)
 * @param bytesRead     size of the (decompressed) body in bytes
 * @param redirectChain every URL requested, in order, the last being {@code finalUrl}
 */
public record FetchResult(
        String finalUrl,
        int status,
        Map<String, List<String>> headers,
        List<String> cookies,
        String contentType,
        String body,
        long bytesRead,
        List<String> redirectChain) {

    public FetchResult {
        headers = Map.copyOf(headers);
        cookies = List.copyOf(cookies);
        redirectChain = List.copyOf(redirectChain);
    }

    /** First value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        // Bodies and cookies stay out of logs.
        return "FetchResult[" + status + " " + finalUrl + ", " + bytesRead + " bytes, " + contentType + "]";
    }
}
