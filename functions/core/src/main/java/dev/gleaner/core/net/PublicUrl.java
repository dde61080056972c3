package dev.gleaner.core.net;

import dev.gleaner.core.errors.DomainError;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Submission-time check of a URL a user gives us to fetch or to call back: http(s) only, a host,
 * at most {@value #MAX_LENGTH} characters, and no literal IP address (in any spelling) or local
 * name in a refused range. Names are checked again, after resolution, by the fetcher, which
 * connects only to permitted addresses.
 */
public final class PublicUrl {
    public static final int MAX_LENGTH = 2048;

    private PublicUrl() {}

    /** Returns the parsed URI or throws a 400 naming {@code field}. */
    public static URI check(String url, String field) {
        if (url == null || url.isBlank()) {
            throw DomainError.invalid(field, field + " is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw DomainError.invalid(field, field + " is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw DomainError.invalid(field, field + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw DomainError.invalid(field, field + " must use http or https");
        }
        String host = hostOf(uri);
        if (host == null || host.isEmpty()) {
            throw DomainError.invalid(field, field + " must name a host");
        }
        AddressPolicy.Verdict verdict = AddressPolicy.checkHost(host);
        if (!verdict.allowed()) {
            throw DomainError.invalid(field, field + " points at a refused address: " + verdict.reason());
        }
        return uri;
    }

    /**
     * The host as a resolver would see it. {@link URI#getHost()} is null for hosts RFC 2396 does
     * not call server-based ({@code 2130706433}, {@code my_shop.example}, IDNs), but a fetcher
     * would still connect to them, so the authority is taken apart by hand then.
     */
    static String hostOf(URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        String host;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = close < 0 ? hostPort : hostPort.substring(0, close + 1);
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        }
        if (host.chars().anyMatch(c -> c > 0x7f)) {
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return "%invalid%";
            }
        }
        return host;
    }
}
