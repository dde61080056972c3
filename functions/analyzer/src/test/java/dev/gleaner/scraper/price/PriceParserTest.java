package dev.gleaner.scraper.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PriceParserTest {

    static Stream<Arguments> table() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PriceParserTest.class.getResourceAsStream("/price/prices.tsv"), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 6) {
                    throw new IllegalStateException("prices.tsv line " + n + " has " + f.length + " columns");
                }
                String text = f[0].replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
                rows.add(Arguments.of(n, text, f[1], f[2], f[3], f[4], f[5]));
            }
        }
        return rows.stream();
    }

    @Test
    void tableIsLargeAndVaried() throws IOException {
        List<Arguments> rows = table().toList();
        assertTrue(rows.size() >= 200, "rows: " + rows.size());
        long currencies = rows.stream().map(a -> (String) a.get()[6]).filter(c -> !c.isEmpty()).distinct().count();
        assertTrue(currencies >= 40, "currencies: " + currencies);
        assertTrue(rows.stream().filter(a -> ((String) a.get()[5]).isEmpty()).count() >= 15, "no-price rows");
    }

    @ParameterizedTest(name = "line {0}: {1}")
    @MethodSource("table")
    void parsesTheTable(int line, String text, String hint, String url, String priceCurrency, String amount, String currency) {
        PriceHints hints = (url.isEmpty() ? PriceHints.NONE : PriceHints.forUrl(url))
                .withCurrencyHint(hint.isEmpty() ? null : hint)
                .withPriceCurrency(priceCurrency.isEmpty() ? null : priceCurrency);
        Price p = PriceParser.parse(text, hints);
        if (amount.isEmpty()) {
            assertNull(p.amount(), "amount of [" + text + "]");
        } else {
            assertEquals(new BigDecimal(amount), p.amount(), "amount of [" + text + "]");
        }
        assertEquals(currency.isEmpty() ? null : currency, p.currency(), "currency of [" + text + "]");
    }

    @Test
    void amountsAreNormalisedPlainDecimals() {
        assertEquals("12900000", PriceParser.parse("12,900,000원").amount().toPlainString());
        assertEquals("1299.9", PriceParser.parse("R$ 1.299,90").amount().toPlainString());
        assertEquals(0, PriceParser.parse("$1,299.00").amount().scale());
    }

    @Test
    void parsesMachineAmounts() {
        assertEquals(new BigDecimal("1299"), PriceParser.parseAmount("1299.00", "USD"));
        assertEquals(new BigDecimal("1299.5"), PriceParser.parseAmount("1.299,50", "EUR"));
        assertEquals(new BigDecimal("1000"), PriceParser.parseAmount("1E+3", null));
        assertEquals(new BigDecimal("12900"), PriceParser.parseAmount("12,900", "KRW"));
        assertNull(PriceParser.parseAmount("", "USD"));
        assertNull(PriceParser.parseAmount("free", "USD"));
        assertNull(PriceParser.parseAmount(null, null));
    }

    @Test
    void survivesJunk() {
        assertEquals(Price.NONE, PriceParser.parse(null));
        assertEquals(Price.NONE, PriceParser.parse("$$$ €€€"));
        assertEquals(new BigDecimal("1"), PriceParser.parse("1" + ".".repeat(10_000)).amount());
        // 80 digits: beyond any price, refused rather than turned into an absurd number
        assertNull(PriceParser.parse("9".repeat(80)).amount());
        assertEquals(Price.NONE, PriceParser.parse("x".repeat(100_000)));
    }

    @Test
    void hintsFromUrls() {
        assertEquals("KR", PriceHints.countryOfUrl("https://shop.example.co.kr/p"));
        assertEquals("GB", PriceHints.countryOfUrl("https://shop.example.co.uk/p"));
        assertNull(PriceHints.countryOfUrl("https://shop.example.com/p"));
        assertNull(PriceHints.countryOfUrl("https://shop.example.io/p"));
        assertNull(PriceHints.countryOfUrl("not a url"));
        assertEquals("KRW", PriceHints.forUrl("https://a.kr/").countryCurrency());
        assertNull(new PriceHints("usd-ish", "XXXX", null).priceCurrency());
        assertEquals("USD", new PriceHints(" usd ", null, null).priceCurrency());
    }
}
