package dev.gleaner.safehttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HtmlDecodingTest {
    @Test
    void picksBomThenHeaderThenMetaThenUtf8() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '<', 'p', '>'};
        assertEquals("<p>", HtmlDecoding.decode(bom, "text/html; charset=iso-8859-1"));
        byte[] latin = "<p>café</p>".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("<p>café</p>", HtmlDecoding.decode(latin, "text/html; charset=\"ISO-8859-1\""));
        byte[] sjis = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>円</p>"
                .getBytes(Charset.forName("Shift_JIS"));
        assertEquals("windows-31j", HtmlDecoding.detect(sjis, sjis.length, null).name());
        assertEquals(StandardCharsets.UTF_8, HtmlDecoding.detect(new byte[0], 0, null));
        byte[] bogus = "<meta charset=\"utf-16\"><p>x</p>".getBytes(StandardCharsets.US_ASCII);
        assertEquals(StandardCharsets.UTF_8, HtmlDecoding.detect(bogus, bogus.length, "text/html"));
        assertEquals(StandardCharsets.UTF_8, HtmlDecoding.detect(bogus, bogus.length, "text/html; charset=nonsense-cs"));
    }

    @Test
    void mapsLegacyLabelsToWhatBrowsersUse() {
        assertEquals("x-windows-949", HtmlDecoding.lookup("EUC-KR").name());
        assertEquals("GBK", HtmlDecoding.lookup("gb2312").name());
        assertEquals("windows-1252", HtmlDecoding.lookup("latin1").name());
        assertNull(HtmlDecoding.lookup("no-such-charset"));
        // windows-949 decodes Hangul that strict EUC-KR cannot (똠).
        byte[] ttom = "똠".getBytes(Charset.forName("x-windows-949"));
        assertEquals("똠", HtmlDecoding.decode(ttom, "text/html; charset=euc-kr"));
    }

    @Test
    void acceptLanguageFromCodes() {
        assertEquals("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", BrowserHeaders.acceptLanguage("ko"));
        assertEquals("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", BrowserHeaders.acceptLanguage("JA"));
        assertEquals("pt-PT,pt;q=0.9,en-US;q=0.8,en;q=0.7", BrowserHeaders.acceptLanguage("pt-PT"));
        assertEquals("en-US,en;q=0.9", BrowserHeaders.acceptLanguage("en"));
        assertEquals("en-GB,en;q=0.9", BrowserHeaders.acceptLanguage("en_gb"));
        assertEquals("xx,en-US;q=0.8,en;q=0.7", BrowserHeaders.acceptLanguage("xx"));
        assertEquals(BrowserHeaders.DEFAULT_ACCEPT_LANGUAGE, BrowserHeaders.acceptLanguage(null));
        assertEquals(BrowserHeaders.DEFAULT_ACCEPT_LANGUAGE, BrowserHeaders.acceptLanguage("ko\r\nX: y"));
        assertEquals(BrowserHeaders.DEFAULT_ACCEPT_LANGUAGE, BrowserHeaders.acceptLanguage("korean"));
    }

    @Test
    void formatsSizes() {
        assertEquals("5 MB", SafeHttpClient.formatSize(5L * 1024 * 1024));
        assertEquals("2 KB", SafeHttpClient.formatSize(2048));
        assertEquals("1000 bytes", SafeHttpClient.formatSize(1000));
    }
}
