package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Repairs what sites get wrong in schema.org JSON-LD before it is read: property names in the
 * wrong case (Wix's {@code "Offers"} and {@code "Availability"}, Etsy's {@code "contentURL"}), and
 * {@code {"@id": …}} references to nodes elsewhere in the graph (a Yoast or Rank Math
 * {@code brand} pointing at the site's Organization). Returns the node unchanged when there is
 * nothing to repair.
 */
final class SchemaKeys {
    private static final Map<String, String> CANONICAL = new HashMap<>();
    private static final int MAX_DEPTH = 8;

    static {
        for (String k : new String[] {"offers", "availability", "price", "priceCurrency", "lowPrice", "highPrice",
                "priceSpecification", "contentUrl", "url", "image", "name", "brand", "manufacturer", "sku", "mpn",
                "description", "aggregateRating", "ratingValue", "reviewCount", "ratingCount", "bestRating",
                "worstRating", "hasVariant", "itemCondition", "seller", "category", "gtin", "gtin8", "gtin12", "gtin13",
                "gtin14", "color", "size", "material", "model", "productID", "additionalProperty", "value", "unitText",
                "thumbnailUrl"}) {
            CANONICAL.put(k.toLowerCase(Locale.ROOT), k);
        }
    }

    /** Properties whose value is often a bare reference to a node defined elsewhere in the graph. */
    private static final String[] REFERENCES = {"brand", "manufacturer", "seller", "offers", "aggregateRating", "image"};

    private SchemaKeys() {}

    /**
     * @param ids every node with an {@code @id} in the page's JSON-LD, by id (may be empty)
     */
    static JsonNode repair(JsonNode node, Map<String, JsonNode> ids) {
        return repair(node, ids, 0);
    }

    private static JsonNode repair(JsonNode node, Map<String, JsonNode> ids, int depth) {
        if (node == null || depth > MAX_DEPTH || !node.isContainerNode()) {
            return node;
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode child = node.get(i);
                JsonNode fixed = repair(child, ids, depth + 1);
                if (fixed != child && copy == null) {
                    copy = ((ArrayNode) node).deepCopy();
                }
                if (copy != null) {
                    copy.set(i, fixed);
                }
            }
            return copy == null ? node : copy;
        }
        ObjectNode copy = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String canonical = CANONICAL.get(key.toLowerCase(Locale.ROOT));
            JsonNode value = e.getValue();
            JsonNode fixed = resolve(key, value, ids, depth);
            fixed = repair(fixed, ids, depth + 1);
            boolean rename = canonical != null && !canonical.equals(key) && !node.has(canonical);
            if (rename || fixed != value) {
                if (copy == null) {
                    copy = Json.MAPPER.createObjectNode();
                    // Keep the fields seen so far, in order.
                    for (Iterator<Map.Entry<String, JsonNode>> before = node.fields(); before.hasNext(); ) {
                        Map.Entry<String, JsonNode> b = before.next();
                        if (b.getKey().equals(key)) {
                            break;
                        }
                        copy.set(b.getKey(), b.getValue());
                    }
                }
                copy.set(rename ? canonical : key, fixed);
            } else if (copy != null) {
                copy.set(key, value);
            }
        }
        return copy == null ? node : copy;
    }

    /** A bare {@code {"@id": "…"}} under a reference property, replaced by the node it names. */
    private static JsonNode resolve(String key, JsonNode value, Map<String, JsonNode> ids, int depth) {
        if (ids.isEmpty() || value == null || !value.isObject() || value.size() != 1 || !value.has("@id")) {
            return value;
        }
        boolean reference = false;
        for (String r : REFERENCES) {
            reference |= r.equalsIgnoreCase(key);
        }
        JsonNode target = reference ? ids.get(value.get("@id").asText()) : null;
        return target == null || target == value || depth > MAX_DEPTH - 2 ? value : target;
    }
}
