package dev.gleaner.scraper.extract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    String sku;
    String category;
    final Map<String, String> specifications = new LinkedHashMap<>();

    boolean isEmpty() {
        return title == null && price == null && description == null && images.isEmpty() && availability == null
                && rating == null && reviewCount == null && brand == null && sku == null && category == null
                && seller == null && specifications.isEmpty();
    }
}
