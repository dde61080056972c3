package dev.gleaner.scraper.extract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/** What one step of the cascade found; any field may be missing. */
final class Fields {
    String title;
    BigDecimal price;
    String currency;
    String description;
    final List<String> images = new ArrayList<>();
    String availability;
    Double rating;
    Integer reviewCount;
    String seller;
    String brand;
    /** Identifiers the step read (SKU, variant SKU, product ID, GTIN, MPN...): ranked by {@link SkuRanking}. */
    final List<SkuCandidate> skus = new ArrayList<>();
    String category;
    final Map<String, String> specifications = new LinkedHashMap<>();

    /** Adds an identifier read from data (no element); blank values are ignored. */
    void sku(SkuCandidate.Kind kind, String value, String where) {
        sku(kind, value, where, null);
    }

    /** Adds an identifier read from the page, with the element it was read from. */
    void sku(SkuCandidate.Kind kind, String value, String where, Element element) {
        String v = Text.clean(value);
        if (v != null) {
            skus.add(new SkuCandidate(v, kind, where, element));
        }
    }

    boolean isEmpty() {
        return title == null && price == null && description == null && images.isEmpty() && availability == null
                && rating == null && reviewCount == null && brand == null && skus.isEmpty() && category == null
                && seller == null && specifications.isEmpty();
    }
}
