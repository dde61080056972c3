package dev.gleaner.local.http;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the local runner from where: the {@code Host} names it serves (a page on another
 * name that resolves to this machine, i.e. DNS rebinding, is refused), the web origins whose pages
 * may call it (same-origin pages always may), and the optional API key, compared in constant time.
 * Pure logic: the HTTP server asks it about each request.
 */
public final class RequestGuard {
    /** The request headers a page from an allowed origin may send (answered on preflight). */
    public static final String ALLOWED_HEADERS = "Content-Type, X-Api-Key, Idempotency-Key, Prefer, Accept";
    /** The response headers such a page may read. */
    public static final String EXPOSED_HEADERS = "Location, Retry-After, Preference-Applied, Idempotent-Replayed";
    public static final String API_KEY_HEADER = "x-api-key";

    /** Why a request is refused: an HTTP status, a message and the header concerned. */
    public record Refusal(int status, String error, String field) {}

    private final Set<String> hosts;
    private final Set<String> origins;
    private final boolean anyOrigin;
    private final byte[] apiKey;

    RequestGuard(Set<String> hosts, List<String> corsOrigins, String apiKey) {
        this.hosts = Collections.unmodifiableSet(new LinkedHashSet<>(hosts));
        Set<String> o = new LinkedHashSet<>();
        boolean any = false;
        for (String origin : corsOrigins) {
            if (origin.equals("*")) {
                any = true;
            } else {
                o.add(normaliseOrigin(origin));
            }
        }
        this.origins = Collections.unmodifiableSet(o);
        this.anyOrigin = any;
        this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param bindHost the address the server listens on
     * @param extraHosts more Host names to answer (--allow-host)
     */
    public static RequestGuard of(String bindHost, List<String> extraHosts, List<String> corsOrigins, String apiKey) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        hosts.add(hostName(bindHost));
        if (isWildcard(bindHost)) {
            hosts.addAll(machineNames());
        }
        for (String h : extraHosts) {
            hosts.add(hostName(h));
        }
        return new RequestGuard(hosts, corsOrigins, apiKey);
    }

    public Set<String> hosts() {
        return hosts;
    }

    public boolean requiresApiKey() {
        return apiKey != null;
    }

    /** A {@code Host} header the runner does not serve: 421. No Host at all (HTTP/1.0) passes. */
    public Optional<Refusal> checkHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return Optional.empty();
        }
        String name = hostName(stripPort(hostHeader.trim()));
        if (hosts.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(421, "this runner does not serve the host name '" + printable(name)
                + "'; use http://localhost:<port>/ or start it with --allow-host " + printable(name), "Host"));
    }

    /**
     * A browser request from a page of another origin that was not allowed: 403. Same-origin
     * requests (the Origin is this very host) and requests without an Origin (curl, scripts) pass.
     */
    public Optional<Refusal> checkOrigin(String origin, String hostHeader) {
        if (origin == null || origin.isBlank() || isSameOrigin(origin, hostHeader) || isAllowedOrigin(origin)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(403, "requests from pages of " + printable(origin) + " are not allowed;"
                + " start the runner with --cors-origin " + printable(origin) + " to allow them", "Origin"));
    }

    /** True when responses to {@code origin} should carry Access-Control-Allow-Origin. */
    public boolean isAllowedOrigin(String origin) {
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return false;
        }
        return anyOrigin || origins.contains(normaliseOrigin(origin));
    }

    /** The value for Access-Control-Allow-Origin: the origin itself, or {@code *} when any is allowed. */
    public String allowOriginValue(String origin) {
        return anyOrigin && !origins.contains(normaliseOrigin(origin)) ? "*" : origin;
    }

    /** A missing or wrong {@code x-api-key} when the runner has a key: 403, as API Gateway answers. */
    public Optional<Refusal> checkApiKey(String presented) {
        if (apiKey == null) {
            return Optional.empty();
        }
        if (presented != null && MessageDigest.isEqual(apiKey, presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(403, presented == null ? "Forbidden: this runner needs its API key in the "
                + "x-api-key header" : "Forbidden: the x-api-key header does not match this runner's API key", API_KEY_HEADER));
    }

    private boolean isSameOrigin(String origin, String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String o = normaliseOrigin(origin);
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        return o.equals("http://" + host) || o.equals("http://" + host + ":80");
    }

    /** Lower-case scheme://host[:port] without a trailing slash. */
    static String normaliseOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        while (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        return o;
    }

    /** {@code [::1]:8000} → {@code [::1]}, {@code localhost:8000} → {@code localhost}. */
    static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && host.indexOf(':', colon + 1) < 0) {
            return host.substring(0, colon);
        }
        return host;
    }

    /** Lower case, no brackets around IPv6, no trailing dot. */
    static String hostName(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0 && h.contains(":")) {
            h = h.substring(0, zone);
        }
        if (h.contains(":")) {
            try {
                // one spelling for IPv6 literals (0:0:0:0:0:0:0:1 and ::1 alike)
                String canonical = InetAddress.getByName(h).getHostAddress();
                h = canonical.equals("0:0:0:0:0:0:0:1") ? "::1" : canonical;
            } catch (UnknownHostException | SecurityException e) {
                // not an address: kept as written, and it will simply not match
            }
        }
        return h;
    }

    static boolean isWildcard(String bindHost) {
        String h = hostName(bindHost);
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
    }

    /** True for addresses only this machine can reach. */
    public static boolean isLoopback(String bindHost) {
        String h = hostName(bindHost);
        if (h.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** This machine's host names and interface addresses (for a runner bound to every interface). */
    private static Set<String> machineNames() {
        Set<String> names = new LinkedHashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(hostName(local.getHostName()));
            names.add(hostName(local.getCanonicalHostName()));
        } catch (UnknownHostException | SecurityException e) {
            // no resolvable host name: addresses below still count
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    names.add(hostName(a.getHostAddress()));
                }
            }
        } catch (SocketException | NullPointerException e) {
            // no interfaces listed: loopback names and --allow-host remain
        }
        return names;
    }

    /** Header text quoted back in an error: printable ASCII only, bounded. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 100; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
