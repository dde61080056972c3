package dev.gleaner.core.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductInfoTest {

    @Test
    void serialisesSnakeCaseWithPlainDecimalsAndRoundTrips() throws Exception {
        JsonNode raw = Json.parse("{\"sources\":{\"title\":\"json-ld\"}}");
        ProductInfo info = ProductInfo.builder().title("Anvil").price(new BigDecimal("1.29E+7")).currency("KRW")
                .images(List.of("https://x.example/a.jpg")).reviewCount(89).rating(4.4)
                .specifications(Map.of("mpn", "925872")).rawData(raw).build();
        String json = Json.write(info);
        assertTrue(json.contains("\"price\":12900000"), json);
        assertTrue(json.contains("\"review_count\":89"), json);
        assertTrue(json.contains("\"raw_data\":{\"sources\":{\"title\":\"json-ld\"}}"), json);
        assertTrue(json.contains("\"availability\":null"), json);
        assertFalse(json.contains("has_product_data"), json);
        ProductInfo back = Json.read(json, ProductInfo.class);
        assertEquals(0, new BigDecimal("12900000").compareTo(back.price()));
        assertEquals(info.images(), back.images());
        assertEquals("json-ld", back.rawData().path("sources").path("title").asText());
    }

    @Test
    void emptyHasNoProductDataAndNeverNullCollections() {
        assertFalse(ProductInfo.EMPTY.hasProductData());
        assertEquals(List.of(), ProductInfo.EMPTY.images());
        assertEquals(Map.of(), ProductInfo.EMPTY.specifications());
        assertTrue(ProductInfo.EMPTY.toBuilder().price(BigDecimal.ONE).build().hasProductData());
    }
}
