package dev.gleaner.scraper.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.product.ProductInfo;
import java.math.BigDecimal;

/** Assertions the extraction tests share. */
final class ProductAssertions {
    private ProductAssertions() {}

    /** The price equals {@code expected} as a number (scale aside); a miss shows the candidates. */
    static void assertPrice(String expected, ProductInfo p) {
        assertTrue(p.price() != null && new BigDecimal(expected).compareTo(p.price()) == 0,
                () -> "price " + p.price() + ", candidates " + p.rawData().path("price_candidates"));
    }

    /** The rating (out of 5) and the number of reviews behind it. */
    static void assertRating(Double rating, Integer reviews, ProductInfo p) {
        assertEquals(rating, p.rating());
        assertEquals(reviews, p.reviewCount());
    }
}
