package dev.gleaner.core.product;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a product page says about its product (the contract's {@code product_info}). Serialised
 * by {@code Json.MAPPER} in snake_case ({@code review_count}, {@code raw_data}); absent values
 * are null, {@code images} and {@code specifications} are never null.
 *
 * @param price       a plain decimal (never exponent notation once written by Json.MAPPER)
 * @param currency    ISO 4217 code
 * @param images      absolute URLs, without duplicates, in page order
 * @param availability a readable word: "In Stock", "Out of Stock", "Pre-Order"...
 * @param rawData     the structured data the values came from: {@code sources} (field -> which
 *                    step of the cascade gave it), and the JSON-LD / microdata / OpenGraph /
 *                    platform data that was read
 */
public record ProductInfo(
        String title,
        BigDecimal price,
        String currency,
        String description,
        List<String> images,
        String availability,
        Double rating,
        Integer reviewCount,
        String seller,
        String brand,
        String sku,
        String category,
        Map<String, String> specifications,
        JsonNode rawData) {

    public ProductInfo {
        images = images == null ? List.of() : List.copyOf(images);
        specifications = specifications == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(specifications));
        rawData = rawData == null ? NullNode.getInstance() : rawData;
    }

    public static final ProductInfo EMPTY = builder().build();

    /** The product fields an extraction can find (the contract's names), counted by {@link #fieldsFound()}. */
    public static final List<String> FIELDS = List.of("title", "price", "currency", "description", "images",
            "availability", "rating", "review_count", "seller", "brand", "sku", "category");

    /** How many of {@link #FIELDS} this page gave (a blank text or an empty list counts as missing). */
    @JsonIgnore
    public int fieldsFound() {
        int n = 0;
        for (Object v : new Object[] {title, price, currency, description, images, availability, rating, reviewCount,
                seller, brand, sku, category}) {
            if (v instanceof String str ? !str.isBlank() : v instanceof List<?> list ? !list.isEmpty() : v != null) {
                n++;
            }
        }
        return n;
    }

    /** True when the page gave at least a title or a price: something worth returning. */
    @JsonIgnore
    public boolean hasProductData() {
        return title != null && !title.isBlank() || price != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().title(title).price(price).currency(currency).description(description)
                .images(images).availability(availability).rating(rating).reviewCount(reviewCount)
                .seller(seller).brand(brand).sku(sku).category(category).specifications(specifications)
                .rawData(rawData);
    }

    public static final class Builder {
        private String title;
        private BigDecimal price;
        private String currency;
        private String description;
        private List<String> images = List.of();
        private String availability;
        private Double rating;
        private Integer reviewCount;
        private String seller;
        private String brand;
        private String sku;
        private String category;
        private Map<String, String> specifications = Map.of();
        private JsonNode rawData;

        private Builder() {}

        public Builder title(String v) { this.title = v; return this; }
        public Builder price(BigDecimal v) { this.price = v; return this; }
        public Builder currency(String v) { this.currency = v; return this; }
        public Builder description(String v) { this.description = v; return this; }
        public Builder images(List<String> v) { this.images = v; return this; }
        public Builder availability(String v) { this.availability = v; return this; }
        public Builder rating(Double v) { this.rating = v; return this; }
        public Builder reviewCount(Integer v) { this.reviewCount = v; return this; }
        public Builder seller(String v) { this.seller = v; return this; }
        public Builder brand(String v) { this.brand = v; return this; }
        public Builder sku(String v) { this.sku = v; return this; }
        public Builder category(String v) { this.category = v; return this; }
        public Builder specifications(Map<String, String> v) { this.specifications = v; return this; }
        public Builder rawData(JsonNode v) { this.rawData = v; return this; }

        public ProductInfo build() {
            return new ProductInfo(title, price, currency, description, images, availability, rating,
                    reviewCount, seller, brand, sku, category, specifications, rawData);
        }
    }
}
