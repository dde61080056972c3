package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.PriceHints;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * {@code itemscope}/{@code itemprop} Products, turned into the JSON-LD shape (nested items,
 * repeated properties as lists, {@code itemref} followed) and read like JSON-LD.
 */
final class MicrodataExtractor {
    static final String SOURCE = "microdata";
    private static final int MAX_DEPTH = 6;
    private static final int MAX_ELEMENTS = 5000;
    private static final Set<String> SRC_TAGS = Set.of("img", "audio", "video", "source", "embed", "iframe", "track");
    private static final Set<String> HREF_TAGS = Set.of("a", "area", "link");

    private MicrodataExtractor() {}

    static Step extract(Page page, PriceHints hints) {
        // Top-level items first: a Product that is itself a property is a related product.
        Element best = null;
        for (Element scope : page.itemScopes()) {
            if (isProductType(scope.attr("itemtype"))) {
                if (!scope.hasAttr("itemprop")) {
                    best = scope;
                    break;
                }
                if (best == null) {
                    best = scope;
                }
            }
        }
        if (best == null) {
            return Step.empty(SOURCE);
        }
        ObjectNode item = item(best, page, 0, new IdentityHashMap<>());
        Fields fields = SchemaProduct.read(item, page.url(), hints);
        ArrayNode raw = Json.MAPPER.createArrayNode();
        raw.add(item);
        return new Step(SOURCE, fields, "microdata", raw);
    }

    static boolean isProductType(String itemtype) {
        for (String t : itemtype.trim().split("\\s+")) {
            int cut = Math.max(t.lastIndexOf('/'), t.lastIndexOf('#'));
            String local = t.substring(cut + 1).toLowerCase(Locale.ROOT);
            if (SchemaProduct.PRODUCT_TYPES.contains(local)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode item(Element scope, Page page, int depth, Map<Element, Boolean> seen) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        String type = scope.attr("itemtype").trim();
        if (!type.isEmpty()) {
            node.put("@type", type.split("\\s+")[0]);
        }
        seen.put(scope, true);
        Deque<Element> pending = new ArrayDeque<>();
        for (int i = scope.childrenSize() - 1; i >= 0; i--) {
            pending.push(scope.child(i));
        }
        // itemref: referenced elements contribute their properties (or themselves, if they are one).
        for (String id : scope.attr("itemref").trim().split("\\s+")) {
            if (id.isEmpty()) {
                continue;
            }
            Element ref = page.document().getElementById(id);
            if (ref == null || seen.containsKey(ref)) {
                continue;
            }
            if (ref.hasAttr("itemprop")) {
                pending.addLast(ref);
            } else {
                for (Element child : ref.children()) {
                    pending.addLast(child);
                }
            }
        }
        int visited = 0;
        while (!pending.isEmpty() && visited++ < MAX_ELEMENTS) {
            Element el = pending.pop();
            if (seen.containsKey(el) && el != scope) {
                continue;
            }
            boolean isScope = el.hasAttr("itemscope");
            if (el.hasAttr("itemprop")) {
                JsonNode value = isScope
                        ? depth < MAX_DEPTH ? item(el, page, depth + 1, seen) : null
                        : Json.MAPPER.getNodeFactory().textNode(value(el));
                if (value != null) {
                    for (String name : el.attr("itemprop").trim().split("\\s+")) {
                        add(node, localName(name), value);
                    }
                }
            }
            if (!isScope) {
                for (int i = el.childrenSize() - 1; i >= 0; i--) {
                    pending.push(el.child(i));
                }
            }
        }
        return node;
    }

    private static String localName(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('#'));
        return name.substring(cut + 1);
    }

    private static void add(ObjectNode node, String name, JsonNode value) {
        if (name.isEmpty()) {
            return;
        }
        JsonNode existing = node.get(name);
        if (existing == null) {
            node.set(name, value);
        } else if (existing.isArray()) {
            ((ArrayNode) existing).add(value);
        } else {
            ArrayNode list = Json.MAPPER.createArrayNode();
            list.add(existing);
            list.add(value);
            node.set(name, list);
        }
    }

    /** The property value per the HTML microdata rules (plus the common {@code content} shortcut). */
    private static String value(Element el) {
        String tag = el.normalName();
        if (el.hasAttr("content")) {
            return el.attr("content").trim();
        }
        if (SRC_TAGS.contains(tag)) {
            return el.attr("src").trim();
        }
        if (HREF_TAGS.contains(tag)) {
            return el.attr("href").trim();
        }
        if (tag.equals("object")) {
            return el.attr("data").trim();
        }
        if ((tag.equals("data") || tag.equals("meter")) && el.hasAttr("value")) {
            return el.attr("value").trim();
        }
        if (tag.equals("time") && el.hasAttr("datetime")) {
            return el.attr("datetime").trim();
        }
        return el.text().trim();
    }
}
