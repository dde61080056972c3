package dev.gleaner.collectors.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gleaner.core.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PricesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1200000|1200000",
        "1,200,000원|1200000",
        "150만원|1500000",
        "150만 원|1500000",
        "약 300만원|3000000",
        "1.5만원|15000",
        "1억 2천만원|120000000",
        "1억2500만원|125000000",
        "12만 5천원|125000",
        "3천만원|30000000",
        "250만~300만원|2500000",
        "250-300만원|2500000",
        "1억~1억5천만원|100000000",
        "200만원 - 300만원|2000000",
    })
    void koreanAmounts(String text, long expected) {
        assertEquals(expected, Prices.parse(text));
    }

    @Test
    void notAnAmount() {
        assertNull(Prices.parse("무료"));
        assertNull(Prices.parse(""));
        assertNull(Prices.parse(null));
        assertNull(Prices.parse("99999999억"));
    }

    @Test
    void jsonValues() throws Exception {
        JsonNodeFactory j = JsonNodeFactory.instance;
        assertEquals(1200000L, Prices.krw(j.numberNode(1200000)));
        assertEquals(990000L, Prices.krw(j.textNode("99만원")));
        assertEquals(2500000L, Prices.krw(Json.parse("{\"currency\":\"KRW\",\"amount\":2500000}")));
        assertNull(Prices.krw(j.numberNode(-5)));
        assertNull(Prices.krw(j.nullNode()));
        assertNull(Prices.krw(null));
        assertNull(Prices.krw(j.booleanNode(true)));
    }
}
