package dev.gleaner.scraper.price;

import java.net.URI;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * What helps read an ambiguous price ({@code $}, {@code ¥}, {@code kr}...) or a bare number.
 * Strongest first: the structured data's {@code priceCurrency}, a caller's currency hint, the
 * country of the shop's domain.
 *
 * @param priceCurrency ISO 4217 code declared next to the price (JSON-LD, microdata, meta), or null
 * @param currencyHint  ISO 4217 code a caller expects, or null
 * @param country       ISO 3166 alpha-2 country of the host's TLD, or null
 */
public record PriceHints(String priceCurrency, String currencyHint, String country) {
    public static final PriceHints NONE = new PriceHints(null, null, null);

    /** ccTLDs sold as generic names ({@code .io}, {@code .co}...): they say nothing about the shop's country. */
    private static final Set<String> VANITY_TLDS = Set.of(
            "io", "co", "me", "tv", "ai", "ly", "fm", "gg", "to", "ws", "cc", "sh", "ac", "la", "so", "vc",
            "st", "gl", "im", "ms", "nu", "tk", "ml", "ga", "cf", "gq", "ag", "sc", "bz", "cx", "am");

    public PriceHints {
        priceCurrency = code(priceCurrency);
        currencyHint = code(currencyHint);
        country = country == null || country.isBlank() ? null : country.trim().toUpperCase(Locale.ROOT);
    }

    public static PriceHints forUrl(String url) {
        return NONE.withCountry(countryOfUrl(url));
    }

    public PriceHints withPriceCurrency(String v) {
        return new PriceHints(v, currencyHint, country);
    }

    public PriceHints withCurrencyHint(String v) {
        return new PriceHints(priceCurrency, v, country);
    }

    public PriceHints withCountry(String v) {
        return new PriceHints(priceCurrency, currencyHint, v);
    }

    /** The currency of {@link #country()}, or null (EU for {@code .eu}). */
    public String countryCurrency() {
        if (country == null) {
            return null;
        }
        if (country.equals("EU")) {
            return "EUR";
        }
        try {
            Currency c = Currency.getInstance(new Locale("", country));
            return c == null ? null : c.getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Country of a URL's TLD ({@code shop.co.kr} -> KR, {@code .co.uk} -> GB), or null. */
    public static String countryOfUrl(String url) {
        if (url == null) {
            return null;
        }
        String host;
        try {
            host = URI.create(url.trim()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
        return countryOfHost(host);
    }

    public static String countryOfHost(String host) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        int dot = h.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String tld = h.substring(dot + 1);
        if (tld.length() != 2 || !tld.chars().allMatch(Character::isLetter) || VANITY_TLDS.contains(tld)) {
            return null;
        }
        return tld.equals("uk") ? "GB" : tld.toUpperCase(Locale.ROOT);
    }

    private static String code(String v) {
        if (v == null) {
            return null;
        }
        String c = v.trim().toUpperCase(Locale.ROOT);
        if (c.length() != 3) {
            return null;
        }
        try {
            Currency.getInstance(c);
            return c;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
