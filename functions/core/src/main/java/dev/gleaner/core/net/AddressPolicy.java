package dev.gleaner.core.net;

import dev.gleaner.core.config.Env;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Which hosts and addresses Gleaner may connect to when it fetches a URL a user gave it.
 *
 * <p>Refused: loopback, private, link-local (cloud metadata), CGNAT, "this network", multicast,
 * broadcast, documentation, benchmarking and other reserved ranges, every non-global IPv6 range,
 * IPv4-mapped/-compatible IPv6, NAT64 and 6to4 addresses embedding a refused IPv4 address, and
 * Teredo. Host names that can only be local ({@code localhost}, {@code *.localhost},
 * {@code *.internal}, {@code metadata.google.internal}...) are refused by name.
 *
 * <p>{@link #checkHost} never resolves a name and never connects: IP literals are parsed here in
 * every spelling a resolver might accept ({@code 2130706433}, {@code 0x7f000001},
 * {@code 0177.0.0.1}, {@code 127.1}, {@code [::ffff:127.0.0.1]}, a trailing dot). Names are checked
 * again after resolution by the fetcher, which connects only to addresses {@link #checkAddress}
 * allows.
 *
 * <p>The only relaxation is {@link #LOOPBACK_FOR_TESTS}: loopback allowed, everything else still
 * refused. It is used when test code passes it explicitly, or process-wide when the environment
 * variable {@value Env#ALLOW_LOOPBACK_FETCH}{@code =true} is set (for tests and the local runner only;
 * never set it on AWS).
 */
public final class AddressPolicy {
    public record Verdict(boolean allowed, String reason) {
        static final Verdict OK = new Verdict(true, null);

        static Verdict refuse(String reason) {
            return new Verdict(false, reason);
        }
    }


    /** The production policy. */
    public static final AddressPolicy STRICT = new AddressPolicy(false);
    /** Loopback allowed (for servers a test starts itself); every other refusal still applies. */
    public static final AddressPolicy LOOPBACK_FOR_TESTS = new AddressPolicy(true);

    private final boolean allowLoopback;

    private AddressPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** {@link #STRICT} unless {@value Env#ALLOW_LOOPBACK_FETCH} is explicitly {@code true}. */
    public static AddressPolicy fromEnvironment() {
        return Env.get(Env.ALLOW_LOOPBACK_FETCH).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false)
                ? LOOPBACK_FOR_TESTS : STRICT;
    }

    public boolean allowsLoopback() {
        return allowLoopback;
    }

    /** Checks a host with the process-wide policy ({@link #fromEnvironment()}). */
    public static Verdict checkHost(String host) {
        return fromEnvironment().verdictForHost(host);
    }

    /** Checks a resolved address with the process-wide policy ({@link #fromEnvironment()}). */
    public static Verdict checkAddress(InetAddress address) {
        return fromEnvironment().verdictForAddress(address);
    }

    /**
     * Checks a URL host (bracketed or bare IPv6, IPv4 in any spelling, or a name). Never touches
     * the network. A name that passes still has to pass {@link #verdictForAddress} once resolved.
     */
    public Verdict verdictForHost(String rawHost) {
        if (rawHost == null) {
            return Verdict.refuse("missing host");
        }
        String host = rawHost.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            return Verdict.refuse("missing host");
        }
        if (host.indexOf(':') >= 0) {
            byte[] v6 = IpLiterals.parseIpv6(host);
            if (v6 == null) {
                return Verdict.refuse("invalid IPv6 address");
            }
            return verdictForBytes(v6);
        }
        // One trailing dot names the same host ("localhost." = "localhost").
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.endsWith(".") || host.startsWith(".") || host.contains("..")) {
            return Verdict.refuse("invalid host name");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            // Percent-escapes, spaces, backslashes etc. have no place in a host a resolver sees.
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c > 0x7f)) {
                return Verdict.refuse("invalid host name");
            }
        }
        IpLiterals.V4 v4 = IpLiterals.parseIpv4(host);
        if (v4.kind() == IpLiterals.Kind.ADDRESS) {
            return verdictForBytes(v4.bytes());
        }
        if (v4.kind() == IpLiterals.Kind.INVALID) {
            return Verdict.refuse("invalid IP address");
        }
        return verdictForName(host);
    }

    /** Checks an address a name resolved to (or a literal). */
    public Verdict verdictForAddress(InetAddress address) {
        if (address == null) {
            return Verdict.refuse("missing address");
        }
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            return Verdict.refuse("scoped IPv6 address");
        }
        return verdictForBytes(address.getAddress());
    }

    private Verdict verdictForName(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")
                || host.equals("localhost.localdomain") || host.equals("ip6-localhost")
                || host.equals("ip6-loopback")) {
            return allowLoopback ? Verdict.OK : Verdict.refuse("loopback");
        }
        if (host.equals("metadata.google.internal") || host.equals("metadata.goog")
                || host.equals("metadata") || host.equals("instance-data")) {
            return Verdict.refuse("cloud metadata service");
        }
        // Reserved for private or link-local use; never a public web site.
        for (String suffix : LOCAL_SUFFIXES) {
            if (host.equals(suffix) || host.endsWith("." + suffix)) {
                return Verdict.refuse("local network name (." + suffix + ")");
            }
        }
        if (host.indexOf('.') < 0) {
            // A dotless name is completed with the resolver's search domains: an intranet host.
            return Verdict.refuse("single-label host name");
        }
        return Verdict.OK;
    }

    private static final String[] LOCAL_SUFFIXES = {
        "internal", "local", "localdomain", "home.arpa", "intranet", "corp", "lan", "home", "private"
    };

    private Verdict verdictForBytes(byte[] a) {
        if (a.length == 4) {
            return verdictForV4(a);
        }
        if (a.length != 16) {
            return Verdict.refuse("invalid address");
        }
        return verdictForV6(a);
    }

    private Verdict verdictForV4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        int b3 = a[3] & 0xff;
        if (b0 == 127) {
            return allowLoopback ? Verdict.OK : Verdict.refuse("loopback");
        }
        if (b0 == 0) {
            return Verdict.refuse(b1 == 0 && b2 == 0 && b3 == 0 ? "unspecified address" : "reserved (this network)");
        }
        if (b0 == 10 || b0 == 172 && (b1 & 0xf0) == 16 || b0 == 192 && b1 == 168) {
            return Verdict.refuse("private network");
        }
        if (b0 == 169 && b1 == 254) {
            return Verdict.refuse(b2 == 169 && b3 == 254 ? "link-local (cloud metadata)" : "link-local");
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return Verdict.refuse("carrier-grade NAT");
        }
        if (b0 == 255 && b1 == 255 && b2 == 255 && b3 == 255) {
            return Verdict.refuse("broadcast");
        }
        if (b0 >= 224 && b0 <= 239) {
            return Verdict.refuse("multicast");
        }
        if (b0 >= 240) {
            return Verdict.refuse("reserved");
        }
        if (b0 == 192 && b1 == 0 && b2 == 0) {
            return Verdict.refuse("reserved (IETF protocol assignments)");
        }
        if (b0 == 192 && b1 == 0 && b2 == 2 || b0 == 198 && b1 == 51 && b2 == 100 || b0 == 203 && b1 == 0 && b2 == 113) {
            return Verdict.refuse("documentation range");
        }
        if (b0 == 198 && (b1 == 18 || b1 == 19)) {
            return Verdict.refuse("benchmarking range");
        }
        if (b0 == 192 && b1 == 88 && b2 == 99) {
            return Verdict.refuse("reserved (6to4 relay anycast)");
        }
        return Verdict.OK;
    }

    private Verdict verdictForV6(byte[] a) {
        if (isZero(a, 0, 16)) {
            return Verdict.refuse("unspecified address");
        }
        if (isZero(a, 0, 15) && a[15] == 1) {
            return allowLoopback ? Verdict.OK : Verdict.refuse("loopback");
        }
        if (isZero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            // Where such an address is accepted it reaches the embedded IPv4 host; never fetch it.
            Verdict embedded = verdictForV4(slice(a, 12));
            return Verdict.refuse("IPv4-mapped IPv6 address" + (embedded.allowed() ? "" : " (" + embedded.reason() + ")"));
        }
        if (isZero(a, 0, 12)) {
            return Verdict.refuse("IPv4-compatible IPv6 address");
        }
        int w0 = word(a, 0);
        int w1 = word(a, 2);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            if (isZero(a, 4, 12)) {
                // NAT64 well-known prefix: the gateway connects to the embedded IPv4 address.
                Verdict embedded = verdictForV4(slice(a, 12));
                return embedded.allowed() ? Verdict.OK : Verdict.refuse("NAT64 address embedding " + embedded.reason());
            }
            return Verdict.refuse("reserved (local-use NAT64)");
        }
        if (w0 == 0x2002) {
            Verdict embedded = verdictForV4(slice(a, 2));
            return embedded.allowed() ? Verdict.OK : Verdict.refuse("6to4 address embedding " + embedded.reason());
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            return Verdict.refuse("Teredo tunnel address");
        }
        if (w0 == 0x2001 && w1 == 0x0db8 || (w0 & 0xfff0) == 0x3ff0) {
            return Verdict.refuse("documentation range");
        }
        if (w0 == 0x2001 && (w1 & 0xfe00) == 0) {
            return Verdict.refuse("reserved (IETF protocol assignments)");
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return Verdict.refuse("unique local address");
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return Verdict.refuse("link-local");
        }
        if ((w0 & 0xffc0) == 0xfec0) {
            return Verdict.refuse("site-local (deprecated)");
        }
        if ((w0 & 0xff00) == 0xff00) {
            return Verdict.refuse("multicast");
        }
        if (w0 == 0x5f00) {
            return Verdict.refuse("reserved (SRv6)");
        }
        // Only 2000::/3 is global unicast; the rest (100::/64 discard, ::/8 ...) is reserved.
        if ((w0 & 0xe000) != 0x2000) {
            return Verdict.refuse("reserved");
        }
        return Verdict.OK;
    }

    private static int word(byte[] a, int i) {
        return (a[i] & 0xff) << 8 | a[i + 1] & 0xff;
    }

    private static boolean isZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] a, int from) {
        return new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]};
    }

    @Override
    public String toString() {
        return allowLoopback ? "AddressPolicy[LOOPBACK_FOR_TESTS]" : "AddressPolicy[STRICT]";
    }
}
