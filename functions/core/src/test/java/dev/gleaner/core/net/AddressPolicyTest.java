package dev.gleaner.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every host here is only parsed: {@code checkHost} never resolves or connects, and the
 * InetAddress values are built from raw bytes ({@code getByAddress} does no lookup).
 */
class AddressPolicyTest {
    private static final AddressPolicy STRICT = AddressPolicy.STRICT;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // loopback in every spelling
        "127.0.0.1|loopback",
        "127.255.255.254|loopback",
        "localhost|loopback",
        "LOCALHOST.|loopback",
        "shop.localhost|loopback",
        "2130706433|loopback",
        "0x7f000001|loopback",
        "0X7F000001|loopback",
        "0177.0.0.1|loopback",
        "0177.0000.0000.0001|loopback",
        "127.1|loopback",
        "127.0.1|loopback",
        "0x7f.1|loopback",
        "127.0.0.1.|loopback",
        "017700000001|loopback",
        "[::1]|loopback",
        "::1|loopback",
        "[0:0:0:0:0:0:0:1]|loopback",
        // private, link-local and metadata, CGNAT
        "10.0.0.1|private network",
        "10.255.255.255|private network",
        "012.0.0.1|private network",
        "172.16.0.1|private network",
        "172.31.255.255|private network",
        "192.168.1.1|private network",
        "3232235777|private network",
        "169.254.169.254|link-local (cloud metadata)",
        "0xa9fea9fe|link-local (cloud metadata)",
        "169.254.1.1|link-local",
        "100.64.0.1|carrier-grade NAT",
        "100.127.255.255|carrier-grade NAT",
        // this network, broadcast, multicast, reserved, documentation, benchmarking
        "0.0.0.0|unspecified address",
        "0|unspecified address",
        "0.1.2.3|reserved (this network)",
        "255.255.255.255|broadcast",
        "224.0.0.1|multicast",
        "239.255.255.250|multicast",
        "240.0.0.1|reserved",
        "192.0.0.170|reserved (IETF protocol assignments)",
        "192.0.2.10|documentation range",
        "198.51.100.7|documentation range",
        "203.0.113.9|documentation range",
        "198.18.0.1|benchmarking range",
        "198.19.255.1|benchmarking range",
        "192.88.99.1|reserved (6to4 relay anycast)",
        // IPv6
        "[::]|unspecified address",
        "[::ffff:127.0.0.1]|IPv4-mapped IPv6 address (loopback)",
        "[::ffff:7f00:1]|IPv4-mapped IPv6 address (loopback)",
        "[::ffff:169.254.169.254]|IPv4-mapped IPv6 address (link-local (cloud metadata))",
        "[::ffff:8.8.8.8]|IPv4-mapped IPv6 address",
        "[::127.0.0.1]|IPv4-compatible IPv6 address",
        "[::10.0.0.1]|IPv4-compatible IPv6 address",
        "[fc00::1]|unique local address",
        "[fd12:3456:789a::1]|unique local address",
        "[fe80::1]|link-local",
        "[febf::1]|link-local",
        "[fec0::1]|site-local (deprecated)",
        "[ff02::1]|multicast",
        "[64:ff9b::7f00:1]|NAT64 address embedding loopback",
        "[64:ff9b::169.254.169.254]|NAT64 address embedding link-local (cloud metadata)",
        "[64:ff9b:1::1]|reserved (local-use NAT64)",
        "[2002:7f00:1::]|6to4 address embedding loopback",
        "[2002:0a00:0001::1]|6to4 address embedding private network",
        "[2001:0:4136:e378:8000:63bf:3fff:fdd2]|Teredo tunnel address",
        "[2001:db8::1]|documentation range",
        "[3fff::1]|documentation range",
        "[2001:2::1]|reserved (IETF protocol assignments)",
        "[100::1]|reserved",
        "[fe80::1%25eth0]|invalid IPv6 address",
        // names that can only be local
        "metadata.google.internal|cloud metadata service",
        "METADATA.GOOGLE.INTERNAL.|cloud metadata service",
        "metadata|cloud metadata service",
        "ip-10-0-0-1.ec2.internal|local network name (.internal)",
        "printer.local|local network name (.local)",
        "router.home.arpa|local network name (.home.arpa)",
        "fileserver|single-label host name",
        // malformed literals and names
        "256.0.0.1|invalid IP address",
        "1.2.3.4.5|invalid IP address",
        "4294967296|invalid IP address",
        "08.0.0.1|invalid IP address",
        "foo.123|invalid IP address",
        "[1:2:3:4:5:6:7:8:9]|invalid IPv6 address",
        "[::1::2]|invalid IPv6 address",
        "[:::1]|invalid IPv6 address",
        "ex%61mple.com|invalid host name",
        "exa mple.com|invalid host name",
        "a..b.com|invalid host name",
        ".|invalid host name",
    })
    void refusesLiteralsAndLocalNamesWithoutResolving(String host, String reason) {
        AddressPolicy.Verdict v = STRICT.verdictForHost(host);
        assertFalse(v.allowed(), host);
        assertEquals(reason, v.reason(), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com", "www.coupang.com", "smartstore.naver.com", "shop.example.co.kr.", "my_shop.example.com",
        "8.8.8.8", "1.1.1.1", "134744072", "0x08080808", "100.63.255.255", "100.128.0.1", "172.15.255.255",
        "172.32.0.1", "192.167.1.1", "169.253.1.1", "11.0.0.1", "223.255.255.255", "192.0.3.1",
        "[2606:4700:4700::1111]", "[2a00:1450:4001:82b::200e]", "[64:ff9b::8.8.8.8]", "[2002:0808:0808::1]",
        "xn--9n2bp8q.com", "123.example.com", "example.123abc"
    })
    void allowsPublicHosts(String host) {
        AddressPolicy.Verdict v = STRICT.verdictForHost(host);
        assertTrue(v.allowed(), host + " refused: " + v.reason());
    }

    @Test
    void checkAddressRefusesResolvedAddresses() throws UnknownHostException {
        assertEquals("loopback", STRICT.verdictForAddress(v4(127, 0, 0, 1)).reason());
        assertEquals("link-local (cloud metadata)", STRICT.verdictForAddress(v4(169, 254, 169, 254)).reason());
        assertEquals("private network", STRICT.verdictForAddress(v4(10, 0, 0, 1)).reason());
        assertEquals("private network", STRICT.verdictForAddress(v4(192, 168, 1, 1)).reason());
        assertEquals("carrier-grade NAT", STRICT.verdictForAddress(v4(100, 64, 0, 1)).reason());
        assertEquals("unspecified address", STRICT.verdictForAddress(v4(0, 0, 0, 0)).reason());
        assertTrue(STRICT.verdictForAddress(v4(93, 184, 215, 14)).allowed());

        byte[] loop6 = new byte[16];
        loop6[15] = 1;
        assertEquals("loopback", STRICT.verdictForAddress(InetAddress.getByAddress(loop6)).reason());
        // The JDK turns ::ffff:a.b.c.d into an Inet4Address; an Inet6Address built with the
        // mapped bytes and a scope must be refused too.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        assertFalse(STRICT.verdictForAddress(Inet6Address.getByAddress(null, mapped, 0)).allowed());
        byte[] linkLocal = new byte[16];
        linkLocal[0] = (byte) 0xfe;
        linkLocal[1] = (byte) 0x80;
        linkLocal[15] = 1;
        assertEquals("scoped IPv6 address",
                STRICT.verdictForAddress(Inet6Address.getByAddress(null, linkLocal, 2)).reason());
        byte[] google = {0x2a, 0x00, 0x14, 0x50, 0x40, 0x01, 0x08, 0x2b, 0, 0, 0, 0, 0, 0, 0x20, 0x0e};
        assertTrue(STRICT.verdictForAddress(InetAddress.getByAddress(google)).allowed());
        assertFalse(STRICT.verdictForAddress(null).allowed());
    }

    @Test
    void loopbackOptInAllowsOnlyLoopback() throws UnknownHostException {
        AddressPolicy tests = AddressPolicy.LOOPBACK_FOR_TESTS;
        assertTrue(tests.allowsLoopback());
        assertFalse(STRICT.allowsLoopback());
        assertTrue(tests.verdictForHost("127.0.0.1").allowed());
        assertTrue(tests.verdictForHost("localhost").allowed());
        assertTrue(tests.verdictForHost("[::1]").allowed());
        assertTrue(tests.verdictForAddress(v4(127, 0, 0, 1)).allowed());
        assertEquals("link-local (cloud metadata)", tests.verdictForHost("169.254.169.254").reason());
        assertEquals("private network", tests.verdictForHost("10.0.0.1").reason());
        assertEquals("unspecified address", tests.verdictForHost("0.0.0.0").reason());
        assertFalse(tests.verdictForHost("[::ffff:127.0.0.1]").allowed());
        assertEquals("cloud metadata service", tests.verdictForHost("metadata.google.internal").reason());
    }

    @Test
    void staticChecksAreStrictByDefault() {
        // Surefire does not set GLEANER_ALLOW_LOOPBACK_FETCH, so the process-wide policy is strict.
        assertEquals(AddressPolicy.STRICT, AddressPolicy.fromEnvironment());
        assertEquals("loopback", AddressPolicy.checkHost("127.0.0.1").reason());
        assertNotNull(AddressPolicy.checkAddress(InetAddress.getLoopbackAddress()).reason());
    }

    private static InetAddress v4(int a, int b, int c, int d) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }
}
