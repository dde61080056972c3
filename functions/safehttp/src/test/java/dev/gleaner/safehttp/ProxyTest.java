package dev.gleaner.safehttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.net.AddressPolicy;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The "proxy" is a MockWebServer on loopback; the target name is never resolved or contacted. */
class ProxyTest {
    private final MockWebServer proxy = LoopbackServer.start();

    @AfterEach
    void stop() {
        proxy.close();
    }

    private SafeHttpClient client(AddressPolicy policy) {
        return SafeHttpClient.builder().addressPolicy(policy).sleeper(d -> { }).build();
    }

    @Test
    void sendsRequestsThroughTheProxyAnsweringItsChallenge() throws Exception {
        proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\"").build());
        proxy.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html").body("<p>via proxy</p>").build());
        String proxyUrl = "http://alice:s3cr%40t@127.0.0.1:" + proxy.getPort();
        FetchResult r = client(AddressPolicy.LOOPBACK_FOR_TESTS)
                .get(FetchRequest.html("http://shop.example/products/tee").withProxy(proxyUrl));
        assertEquals("<p>via proxy</p>", r.body());
        RecordedRequest first = proxy.takeRequest();
        assertEquals("http://shop.example/products/tee", first.getTarget());
        assertNull(first.getHeaders().get("Proxy-Authorization"));
        RecordedRequest second = proxy.takeRequest();
        assertEquals(Credentials.basic("alice", "s3cr@t"), second.getHeaders().get("Proxy-Authorization"));
    }

    @Test
    void wrongCredentialsFailWithoutLeakingThem() {
        proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\"").build());
        proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"p\"").build());
        String proxyUrl = "http://alice:hunter2@127.0.0.1:" + proxy.getPort();
        FetchRequest request = FetchRequest.html("http://shop.example/").withProxy(proxyUrl);
        FetchException e = assertThrows(FetchException.class, () -> client(AddressPolicy.LOOPBACK_FOR_TESTS).get(request));
        assertEquals("HTTP 407 Proxy Authentication Required", e.getMessage());
        assertFalse(request.toString().contains("hunter2"));
        assertEquals(2, proxy.getRequestCount());
    }

    @Test
    void proxyHostObeysThePolicy() {
        String proxyUrl = "http://127.0.0.1:" + proxy.getPort();
        FetchException e = assertThrows(FetchException.class,
                () -> client(AddressPolicy.STRICT).get(FetchRequest.html("http://shop.example/").withProxy(proxyUrl)));
        assertEquals("proxy: refused address: loopback", e.getMessage());
        FetchException meta = assertThrows(FetchException.class, () -> client(AddressPolicy.LOOPBACK_FOR_TESTS)
                .get(FetchRequest.html("http://shop.example/").withProxy("http://169.254.169.254:80")));
        assertEquals("proxy: refused address: link-local (cloud metadata)", meta.getMessage());
        assertEquals(0, proxy.getRequestCount());
    }

    @Test
    void refusedTargetsAreRefusedEvenThroughAProxy() {
        String proxyUrl = "http://127.0.0.1:" + proxy.getPort();
        FetchException e = assertThrows(FetchException.class, () -> client(AddressPolicy.LOOPBACK_FOR_TESTS)
                .get(FetchRequest.html("http://10.1.2.3/").withProxy(proxyUrl)));
        assertEquals("refused address: private network", e.getMessage());
        assertEquals(0, proxy.getRequestCount());
    }

    @Test
    void parsesProxySpecsAndRedactsSecrets() throws Exception {
        ProxySpec p = ProxySpec.parse("http://bob:pa%3Ass@proxy.example:3128");
        assertEquals("proxy.example", p.host());
        assertEquals(3128, p.port());
        assertTrue(p.hasCredentials());
        assertEquals("bob", p.username());
        assertEquals("pa:ss", p.password());
        assertEquals("ProxySpec[proxy.example:3128, credentials=***]", p.toString());
        assertFalse(ProxySpec.parse("http://proxy.example:8080/").hasCredentials());
        for (String bad : new String[] {"socks5://u:secretpw@h:1080", "http://u:secretpw@h", "http://u:secretpw@h:99999",
                "not a url secretpw", "http://u:secretpw@h:8080/path", "", "https://u:secretpw@h:443"}) {
            FetchException e = assertThrows(FetchException.class, () -> ProxySpec.parse(bad), bad);
            assertEquals(FetchException.Kind.PROXY, e.kind());
            assertFalse(e.getMessage().contains("secretpw"), e.getMessage());
            assertTrue(e.getMessage().startsWith("proxy: "), e.getMessage());
        }
    }
}
