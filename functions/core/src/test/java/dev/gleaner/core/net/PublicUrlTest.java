package dev.gleaner.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.errors.DomainError;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1/|url points at a refused address: loopback",
        "http://127.0.0.1:8080/admin|url points at a refused address: loopback",
        "https://[::1]/|url points at a refused address: loopback",
        "http://localhost/|url points at a refused address: loopback",
        "http://169.254.169.254/latest/meta-data/|url points at a refused address: link-local (cloud metadata)",
        "http://10.0.0.1/|url points at a refused address: private network",
        "http://192.168.1.1/|url points at a refused address: private network",
        "http://100.64.0.1/|url points at a refused address: carrier-grade NAT",
        "http://0.0.0.0/|url points at a refused address: unspecified address",
        "http://[::ffff:127.0.0.1]/|url points at a refused address: IPv4-mapped IPv6 address (loopback)",
        "http://[::ffff:a9fe:a9fe]/|url points at a refused address: IPv4-mapped IPv6 address (link-local (cloud metadata))",
        "http://2130706433/|url points at a refused address: loopback",
        "http://0x7f000001/|url points at a refused address: loopback",
        "http://0177.0.0.1/|url points at a refused address: loopback",
        "http://127.1/|url points at a refused address: loopback",
        "http://127.0.0.1./|url points at a refused address: loopback",
        "http://user:pw@127.0.0.1:80/|url points at a refused address: loopback",
        "http://evil.example@169.254.169.254/|url points at a refused address: link-local (cloud metadata)",
        "http://metadata.google.internal/computeMetadata/v1/|url points at a refused address: cloud metadata service",
        "file:///etc/passwd|url must use http or https",
        "gopher://127.0.0.1:6379/_INFO|url must use http or https",
        "ftp://example.com/|url must use http or https",
        "javascript:alert(1)|url must use http or https",
        "example.com/product|url must use http or https",
        "http:///nohost|url must name a host",
        "http://exa mple.com/|url is not a valid URL",
    })
    void refusesWith400NamingTheField(String url, String message) {
        DomainError e = assertThrows(DomainError.InvalidField.class, () -> PublicUrl.check(url, "url"));
        assertEquals("url", e.field());
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesBlankAndOverlongUrls() {
        DomainError blank = assertThrows(DomainError.InvalidField.class, () -> PublicUrl.check(" ", "callback_url"));
        assertEquals("callback_url", blank.field());
        assertThrows(DomainError.InvalidField.class, () -> PublicUrl.check(null, "url"));
        String longUrl = "https://example.com/" + "a".repeat(PublicUrl.MAX_LENGTH);
        DomainError tooLong = assertThrows(DomainError.InvalidField.class, () -> PublicUrl.check(longUrl, "url"));
        assertTrue(tooLong.getMessage().contains("2048"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://example.com/products/widget?variant=1",
        "http://shop.example.co.kr/goods/view.php?no=12",
        "https://smartstore.naver.com/store/products/123",
        "https://[2606:4700:4700::1111]/",
        "https://8.8.8.8/",
        "https://my_shop.example.com/p/1",
        "HTTPS://EXAMPLE.COM/",
    })
    void acceptsPublicUrls(String url) {
        URI uri = PublicUrl.check(url, "url");
        assertTrue(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"));
    }
}
