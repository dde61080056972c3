package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.PriceHints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;

/** Products in {@code <script type="application/ld+json">}: single objects, lists, {@code @graph}, nesting. */
final class JsonLdExtractor {
    static final String SOURCE = "json-ld";
    private static final int MAX_DEPTH = 12;

    private JsonLdExtractor() {}

    private record Found(JsonNode node, boolean inList) {}

    static Step extract(Page page, PriceHints hints) {
        List<Found> products = new ArrayList<>();
        List<JsonNode> breadcrumbs = new ArrayList<>();
        Map<String, JsonNode> ids = new HashMap<>();
        for (Element script : page.jsonLdScripts()) {
            JsonNode root = LenientJson.parse(script.data());
            if (root != null) {
                walk(root, false, 0, products, breadcrumbs, ids);
            }
        }
        if (products.isEmpty()) {
            Step empty = Step.empty(SOURCE);
            breadcrumbCategory(breadcrumbs, null, empty.fields());
            return empty;
        }
        Found best = null;
        int bestScore = Integer.MIN_VALUE;
        for (Found f : products) {
            int score = score(f);
            if (score > bestScore) {
                best = f;
                bestScore = score;
            }
        }
        JsonNode product = supplemented(SchemaKeys.repair(best.node(), ids), best, products, ids);
        Fields fields = SchemaProduct.read(product, page.url(), hints);
        if (fields.availability != null && !Availability.IN_STOCK.equals(fields.availability)
                && anotherBlockInStock(product, best, products, ids)) {
            // One Product block per size or colour, the first sold out: the product can still be bought.
            fields.availability = Availability.IN_STOCK;
        }
        breadcrumbCategory(breadcrumbs, fields.title, fields);
        ArrayNode raw = Json.MAPPER.createArrayNode();
        raw.add(product);
        return new Step(SOURCE, fields, "json_ld", raw);
    }

    /** What a second block about the same product adds (a review app's rating, a brand...). */
    private static final String[] SUPPLEMENTS = {"aggregateRating", "brand", "sku", "image", "description", "offers", "gtin13", "mpn"};

    /**
     * Review apps (Yotpo, Judge.me...) often print their own {@code Product} block with only a
     * name and {@code aggregateRating}; the theme prints another with the offers. Fields the chosen
     * block lacks are taken from other blocks naming the same product.
     */
    private static JsonNode supplemented(JsonNode product, Found best, List<Found> all, Map<String, JsonNode> ids) {
        String name = key(product.get("name"));
        String id = key(product.get("@id"));
        ObjectNode copy = null;
        for (Found other : all) {
            if (other == best || other.inList() || !other.node().isObject()) {
                continue;
            }
            JsonNode o = SchemaKeys.repair(other.node(), ids);
            boolean same = name != null && name.equals(key(o.get("name"))) || id != null && id.equals(key(o.get("@id")));
            if (!same) {
                continue;
            }
            for (String field : SUPPLEMENTS) {
                if (!product.has(field) && (copy == null || !copy.has(field)) && o.hasNonNull(field)) {
                    if (copy == null) {
                        copy = product.isObject() ? ((ObjectNode) product).deepCopy() : null;
                        if (copy == null) {
                            return product;
                        }
                    }
                    copy.set(field, o.get(field));
                }
            }
        }
        return copy == null ? product : copy;
    }

    /** Whether another block naming the same product (a size, a colour) has an offer in stock. */
    private static boolean anotherBlockInStock(JsonNode product, Found best, List<Found> all, Map<String, JsonNode> ids) {
        String name = key(product.get("name"));
        if (name == null) {
            return false;
        }
        for (Found other : all) {
            if (other != best && !other.inList() && other.node().isObject()) {
                JsonNode o = SchemaKeys.repair(other.node(), ids);
                if (name.equals(key(o.get("name"))) && SchemaProduct.inStock(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String key(JsonNode n) {
        String t = SchemaProduct.text(n);
        return t == null ? null : t.trim().toLowerCase(Locale.ROOT);
    }

    private static int score(Found f) {
        JsonNode n = f.node();
        int s = 0;
        if (n.has("offers") || n.has("hasVariant")) {
            s += 4;
        }
        if (n.has("name")) {
            s += 2;
        }
        if (n.has("image")) {
            s += 1;
        }
        if (n.has("aggregateRating")) {
            s += 1;
        }
        if (f.inList()) {
            s -= 3; // a product in a listing is rarely the page's subject
        }
        return s;
    }

    private static void walk(JsonNode node, boolean inList, int depth, List<Found> products, List<JsonNode> breadcrumbs,
            Map<String, JsonNode> ids) {
        if (node == null || depth > MAX_DEPTH) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                walk(n, inList, depth + 1, products, breadcrumbs, ids);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode id = node.get("@id");
        if (id != null && id.isTextual() && node.size() > 1 && ids.size() < 500) {
            ids.putIfAbsent(id.asText(), node);
        }
        if (SchemaProduct.isProduct(node)) {
            products.add(new Found(node, inList));
            return; // its variants and related products are read with it, not as rivals
        }
        if (SchemaProduct.types(node).contains("breadcrumblist")) {
            breadcrumbs.add(node);
            return;
        }
        boolean list = inList || SchemaProduct.types(node).contains("itemlist");
        var fields = node.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                walk(v, list || e.getKey().equals("itemListElement"), depth + 1, products, breadcrumbs, ids);
            }
        }
    }

    /** "Home > Men > Shirts > This shirt": the path without the home and the product itself. */
    private static void breadcrumbCategory(List<JsonNode> breadcrumbs, String title, Fields f) {
        if (breadcrumbs.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode el : SchemaProduct.iterable(breadcrumbs.get(0).get("itemListElement"))) {
            items.add(el);
        }
        items.sort((a, b) -> Double.compare(position(a), position(b)));
        for (JsonNode el : items) {
            String name = Text.clean(SchemaProduct.nameOf(el));
            if (name == null && el.has("item")) {
                name = Text.clean(SchemaProduct.nameOf(el.get("item")));
            }
            if (name != null) {
                names.add(name);
            }
        }
        if (!names.isEmpty() && names.get(0).matches("(?i)home|홈|ホーム|首页|startseite|accueil|inicio")) {
            names.remove(0);
        }
        if (!names.isEmpty() && (title != null && names.get(names.size() - 1).equalsIgnoreCase(title) || names.size() > 1 && title == null)) {
            names.remove(names.size() - 1);
        }
        if (!names.isEmpty() && f.category == null) {
            f.category = String.join(" > ", names);
        }
    }

    private static double position(JsonNode el) {
        Double p = SchemaProduct.number(el.get("position"));
        return p == null ? Double.MAX_VALUE : p;
    }
}
