package dev.gleaner.core.net;

import dev.gleaner.core.http.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Submission-time check of a URL a user gives us to fetch or to call back: http(s) only, a host,
 * and no literal IP address in a refused range. Names are checked again, after resolution, by
 * the fetcher, which connects only to permitted addresses.
 */
public final class PublicUrl {
    private PublicUrl() {}

    /** Returns the parsed URI or throws a 400 naming {@code field}. */
    public static URI check(String url, String field) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(field, field + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiException.badRequest(field, field + " must use http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.badRequest(field, field + " must name a host");
        }
        AddressPolicy.Verdict verdict = AddressPolicy.checkHost(uri.getHost());
        if (!verdict.allowed()) {
            throw ApiException.badRequest(field, field + " points at a refused address: " + verdict.reason());
        }
        return uri;
    }
}
