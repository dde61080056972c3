package dev.gleaner.safehttp;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A forward proxy given as {@code http://[user:pass@]host:port}. The credentials are a secret:
 * {@link #toString()} and every error message leave them out.
 *
 * <p>Only plain-HTTP proxies are supported (HTTPS pages still go through them encrypted, with
 * CONNECT). {@code https://} (TLS to the proxy itself) is refused with a clear message rather
 * than silently sending the credentials in clear text.
 */
public final class ProxySpec {
    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private ProxySpec(String host, int port, String username, String password) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** Parses a proxy URL; the message of the exception never repeats the input. */
    public static ProxySpec parse(String text) throws FetchException {
        if (text == null || text.isBlank()) {
            throw new FetchException(FetchException.Kind.PROXY, "proxy: empty proxy URL");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new FetchException(FetchException.Kind.PROXY, "proxy: not a valid URL (expected http://[user:pass@]host:port)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            throw new FetchException(FetchException.Kind.PROXY,
                    "proxy: https:// proxies (TLS to the proxy) are not supported; use http:// (HTTPS pages are still tunnelled encrypted)");
        }
        if (!scheme.equals("http")) {
            throw new FetchException(FetchException.Kind.PROXY, "proxy: only http:// proxies are supported");
        }
        if (uri.getHost() == null || uri.getPort() <= 0 || uri.getPort() > 65535) {
            throw new FetchException(FetchException.Kind.PROXY, "proxy: must be http://[user:pass@]host:port");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new FetchException(FetchException.Kind.PROXY, "proxy: must not have a path or query");
        }
        String user = null;
        String pass = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            pass = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ProxySpec(host.toLowerCase(Locale.ROOT), uri.getPort(), user, pass);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean hasCredentials() {
        return username != null;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    @Override
    public String toString() {
        return "ProxySpec[" + host + ":" + port + (username == null ? "" : ", credentials=***") + "]";
    }
}
