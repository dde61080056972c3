package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.scraper.price.Price;
import dev.gleaner.scraper.price.PriceHints;
import dev.gleaner.scraper.price.PriceParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a schema.org {@code Product} (or {@code ProductGroup}) as a JSON tree: JSON-LD as
 * written, or microdata turned into the same shape. Tolerates the many spellings seen in the
 * wild: offers as object, list or AggregateOffer; prices as numbers or text; brand as text or
 * object; images as text, list or ImageObject.
 */
final class SchemaProduct {
    static final Set<String> PRODUCT_TYPES = Set.of("product", "productgroup", "individualproduct", "productmodel",
            "someproducts", "vehicle", "car", "motorcycle");

    private static final String[] GTIN_KEYS = {"gtin", "gtin13", "gtin12", "gtin14", "gtin8", "isbn"};

    private static final Pattern COUNT = Pattern.compile("\\d[\\d,.' ]*");

    private SchemaProduct() {}

    /** Local, lower-case type names: "http://schema.org/Product" and ["Product","Thing"] both give "product". */
    static Set<String> types(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        JsonNode t = node.has("@type") ? node.get("@type") : node.get("type");
        if (t == null) {
            return out;
        }
        for (JsonNode v : t.isArray() ? t : List.of(t)) {
            if (v.isTextual()) {
                String s = v.asText().trim();
                int cut = Math.max(s.lastIndexOf('/'), Math.max(s.lastIndexOf(':'), s.lastIndexOf('#')));
                out.add(s.substring(cut + 1).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    static boolean isProduct(JsonNode node) {
        Set<String> t = types(node);
        if (t.stream().anyMatch(PRODUCT_TYPES::contains)) {
            return true;
        }
        // A Book or similar with offers is sold like a product.
        return t.contains("book") && node.has("offers");
    }

    static Fields read(JsonNode product, String baseUrl, PriceHints hints) {
        Fields f = new Fields();
        f.title = Text.clean(text(product.get("name")));
        f.description = Text.truncate(Text.plain(text(product.get("description"))), 10_000);
        f.brand = Text.clean(nameOf(product.get("brand")));
        if (f.brand == null) {
            f.brand = Text.clean(nameOf(product.get("manufacturer")));
        }
        f.sku(SkuCandidate.Kind.SKU, text(product.get("sku")), "sku");
        identifiers(product, f);
        f.category = category(product.get("category"));
        f.images.addAll(Urls.absoluteUnique(baseUrl, images(product.get("image"))));

        JsonNode rating = first(product.get("aggregateRating"));
        if (rating != null) {
            // On a 0-5 scale: Magento writes 87 with bestRating 100.
            f.rating = Ratings.toFive(number(rating.get("ratingValue")), number(rating.get("bestRating")));
            Integer count = count(rating.get("reviewCount"));
            f.reviewCount = count != null ? count : count(rating.get("ratingCount"));
        }
        specifications(product, f);

        List<JsonNode> offers = new ArrayList<>();
        collectOffers(product.get("offers"), offers, 0);
        Map<JsonNode, JsonNode> variantOf = new IdentityHashMap<>();
        if (offers.isEmpty() && product.has("hasVariant")) {
            // ProductGroup: the price lives on the variants.
            for (JsonNode variant : iterable(product.get("hasVariant"))) {
                int before = offers.size();
                collectOffers(variant.get("offers"), offers, 0);
                for (int i = before; i < offers.size(); i++) {
                    variantOf.put(offers.get(i), variant);
                }
                if (f.images.isEmpty()) {
                    f.images.addAll(Urls.absoluteUnique(baseUrl, images(variant.get("image"))));
                }
            }
        }
        JsonNode chosen = applyOffers(offers, f, hints);
        JsonNode variant = chosen == null ? null : variantOf.get(chosen);
        if (variant != null) {
            f.sku(SkuCandidate.Kind.VARIANT, text(variant.get("sku")), "hasVariant.sku"); // the variant whose offer was chosen
        }
        return f;
    }

    /** GTIN/ISBN, MPN and productID of a product (or variant), as SKU candidates. */
    static void identifiers(JsonNode product, Fields f) {
        f.sku(SkuCandidate.Kind.PRODUCT_ID, text(product.get("productID")), "productID");
        for (String key : GTIN_KEYS) {
            f.sku(SkuCandidate.Kind.GTIN, text(product.get(key)), key);
        }
        f.sku(SkuCandidate.Kind.MPN, text(product.get("mpn")), "mpn");
    }

    /** Whether any offer of the product (or of its variants) is in stock. */
    static boolean inStock(JsonNode product) {
        List<JsonNode> offers = new ArrayList<>();
        collectOffers(product.get("offers"), offers, 0);
        for (JsonNode variant : iterable(product.get("hasVariant"))) {
            collectOffers(variant.get("offers"), offers, 0);
        }
        for (JsonNode o : offers) {
            if (Availability.IN_STOCK.equals(Availability.normalise(text(o.get("availability"))))) {
                return true;
            }
        }
        return false;
    }

    private static void collectOffers(JsonNode node, List<JsonNode> out, int depth) {
        if (node == null || depth > 4) {
            return;
        }
        for (JsonNode o : iterable(node)) {
            if (!o.isObject()) {
                continue;
            }
            out.add(o);
            if (o.has("offers")) {
                collectOffers(o.get("offers"), out, depth + 1);
            }
        }
    }

    /**
     * Picks the lowest price, preferring offers in stock; availability "In Stock" if any offer is.
     * Returns the offer chosen (or null).
     */
    private static JsonNode applyOffers(List<JsonNode> offers, Fields f, PriceHints hints) {
        Price best = null;
        boolean bestInStock = false;
        JsonNode bestOffer = null;
        String anyAvailability = null;
        boolean anyInStock = false;
        for (JsonNode o : offers) {
            String availability = Availability.normalise(text(o.get("availability")));
            if (availability != null && anyAvailability == null) {
                anyAvailability = availability;
            }
            boolean inStock = Availability.IN_STOCK.equals(availability);
            anyInStock |= inStock;
            Price p = offerPrice(o, hints);
            if (p == null || p.amount() == null) {
                continue;
            }
            boolean better = best == null
                    || inStock && !bestInStock
                    || inStock == bestInStock && p.amount().compareTo(best.amount()) < 0;
            if (better) {
                best = p;
                bestInStock = inStock;
                bestOffer = o;
            }
        }
        if (best != null) {
            f.price = best.amount();
            f.currency = best.currency();
        }
        f.availability = anyInStock ? Availability.IN_STOCK : anyAvailability;
        JsonNode sellerSource = bestOffer != null ? bestOffer : offers.isEmpty() ? null : offers.get(0);
        if (sellerSource != null) {
            f.seller = Text.clean(nameOf(sellerSource.get("seller")));
            f.sku(SkuCandidate.Kind.SKU, text(sellerSource.get("sku")), "offers.sku");
            String condition = Text.clean(text(sellerSource.get("itemCondition")));
            if (condition != null) {
                f.specifications.putIfAbsent("itemCondition", conditionWord(condition));
            }
        }
        return bestOffer;
    }

    private static Price offerPrice(JsonNode offer, PriceHints hints) {
        String currency = text(offer.get("priceCurrency"));
        JsonNode spec = first(offer.get("priceSpecification"));
        String raw = text(offer.get("price"));
        if (raw == null && spec != null) {
            raw = text(spec.get("price"));
            if (currency == null) {
                currency = text(spec.get("priceCurrency"));
            }
        }
        if (raw == null) {
            raw = text(offer.get("lowPrice"));
        }
        if (raw == null) {
            return null;
        }
        PriceHints h = hints.withPriceCurrency(currency);
        BigDecimal amount = PriceParser.parseAmount(raw, h.priceCurrency());
        if (amount == null) {
            return null;
        }
        String cur = h.priceCurrency();
        if (cur == null) {
            // "$19.99" as a price: the text itself may name the currency.
            cur = PriceParser.parse(raw, hints).currency();
        }
        return new Price(amount, cur);
    }

    private static void specifications(JsonNode product, Fields f) {
        for (JsonNode prop : iterable(product.get("additionalProperty"))) {
            String name = Text.clean(text(prop.get("name")));
            String value = Text.clean(valueWithUnit(prop));
            if (name != null && value != null && f.specifications.size() < 200) {
                f.specifications.putIfAbsent(name, value);
            }
        }
        for (String key : new String[] {"mpn", "gtin", "gtin8", "gtin12", "gtin13", "gtin14", "isbn", "model", "color",
                "material", "size", "pattern", "weight", "width", "height", "depth", "itemCondition", "productID"}) {
            JsonNode v = product.get(key);
            String value = key.equals("model") ? nameOf(v) : v != null && v.isObject() ? valueWithUnit(v) : text(v);
            value = Text.clean(value);
            if (value != null) {
                if (key.equals("itemCondition")) {
                    value = conditionWord(value);
                }
                f.specifications.putIfAbsent(key, value);
            }
        }
    }

    private static String conditionWord(String v) {
        String local = v.substring(Math.max(v.lastIndexOf('/'), v.lastIndexOf(':')) + 1);
        return switch (local.toLowerCase(Locale.ROOT)) {
            case "newcondition", "new" -> "New";
            case "usedcondition", "used" -> "Used";
            case "refurbishedcondition", "refurbished" -> "Refurbished";
            case "damagedcondition", "damaged" -> "Damaged";
            default -> local;
        };
    }

    private static String valueWithUnit(JsonNode prop) {
        if (prop == null) {
            return null;
        }
        if (!prop.isObject()) {
            return text(prop);
        }
        String value = text(prop.get("value"));
        if (value == null) {
            return null;
        }
        String unit = text(prop.get("unitText"));
        if (unit == null) {
            unit = text(prop.get("unitCode"));
        }
        return unit == null ? value : value + " " + unit;
    }

    private static String category(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode n : node) {
                String v = Text.clean(nameOf(n));
                if (v != null) {
                    parts.add(v);
                }
            }
            return parts.isEmpty() ? null : String.join(" > ", parts);
        }
        return Text.clean(nameOf(node));
    }

    static List<String> images(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : iterable(node)) {
            if (n.isTextual()) {
                out.add(n.asText());
            } else if (n.isObject()) {
                String u = text(n.get("url"));
                if (u == null) {
                    u = text(n.get("contentUrl"));
                }
                if (u == null) {
                    u = text(n.get("@id"));
                }
                if (u != null) {
                    out.add(u);
                }
            }
        }
        return out;
    }

    /** A name for a thing given as text, an object with {@code name}, or a list of either. */
    static String nameOf(JsonNode node) {
        return firstValue(node, n -> {
            if (n.isObject()) {
                String v = text(n.get("name"));
                return v != null ? v : text(n.get("@value"));
            }
            return text(n);
        });
    }

    /** Text of a scalar (or of the first scalar in a list, or an object's {@code @value}); null if blank. */
    static String text(JsonNode node) {
        return firstValue(node, SchemaProduct::scalarText);
    }

    /**
     * {@code read} of a node that is not a list; of a list, the first value its items (lists in
     * lists included) give. Null for a missing or JSON-null node.
     */
    private static String firstValue(JsonNode node, Function<JsonNode, String> read) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            return read.apply(node);
        }
        for (JsonNode n : node) {
            String v = firstValue(n, read);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String scalarText(JsonNode node) {
        if (node.isObject()) {
            return node.has("@value") ? text(node.get("@value")) : null;
        }
        if (node.isBigDecimal() || node.isFloatingPointNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        String s = node.asText().trim();
        return s.isEmpty() ? null : s;
    }

    static Double number(JsonNode node) {
        String t = text(node);
        if (t == null) {
            return null;
        }
        BigDecimal v = PriceParser.parseAmount(t.replace(',', t.contains(".") ? ',' : '.'), null);
        if (v == null) {
            return null;
        }
        double d = v.doubleValue();
        return Double.isFinite(d) ? d : null;
    }

    /** A count such as "1,234", "89 reviews" or 89.0; null when there is none. */
    static Integer count(JsonNode node) {
        String t = text(node);
        if (t == null) {
            return null;
        }
        Matcher m = COUNT.matcher(t);
        if (!m.find()) {
            return null;
        }
        String digits = m.group().trim();
        // "89.0" is a number written as a float; "1,234" / "1.234" group thousands.
        if (digits.matches("\\d+\\.0+")) {
            digits = digits.substring(0, digits.indexOf('.'));
        }
        digits = digits.replaceAll("[^\\d]", "");
        if (digits.isEmpty() || digits.length() > 9) {
            return null;
        }
        return Integer.parseInt(digits);
    }

    static JsonNode first(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : node.get(0);
        }
        return node;
    }

    static Iterable<JsonNode> iterable(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        return node.isArray() ? node : List.of(node);
    }
}
