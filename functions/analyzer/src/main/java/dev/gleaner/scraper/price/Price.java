package dev.gleaner.scraper.price;

import java.math.BigDecimal;

/**
 * A parsed price: {@code amount} a plain decimal without trailing zeros ({@code 1299.9},
 * {@code 12900}), {@code currency} an ISO 4217 code. Either may be null: no number means no
 * price; a number without any currency clue has a null currency.
 */
public record Price(BigDecimal amount, String currency) {
    public static final Price NONE = new Price(null, null);

    public boolean isPresent() {
        return amount != null;
    }
}
