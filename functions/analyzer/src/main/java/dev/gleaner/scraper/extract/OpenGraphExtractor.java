package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.PriceHints;
import dev.gleaner.scraper.price.PriceParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;

/** OpenGraph ({@code og:*}) and product meta tags ({@code product:price:amount}...). */
final class OpenGraphExtractor {
    static final String SOURCE = "opengraph";

    private OpenGraphExtractor() {}

    static Step extract(Page page, PriceHints hints) {
        Map<String, List<String>> og = new LinkedHashMap<>();
        for (Element m : page.metas()) {
            String key = m.attr("property");
            if (key.isEmpty()) {
                key = m.attr("name");
            }
            key = key.trim().toLowerCase(Locale.ROOT);
            if (!(key.startsWith("og:") || key.startsWith("product:"))) {
                continue;
            }
            String content = m.attr("content").trim();
            if (!content.isEmpty() && og.size() < 100) {
                List<String> values = og.computeIfAbsent(key, k -> new ArrayList<>());
                if (values.size() < 50) {
                    values.add(content);
                }
            }
        }
        if (og.isEmpty()) {
            return Step.empty(SOURCE);
        }
        Fields f = new Fields();
        String heading = page.headings().isEmpty() ? null : Text.clean(page.headings().get(0).text());
        f.title = Titles.withoutSiteName(Text.clean(first(og, "og:title")), Text.clean(first(og, "og:site_name")), heading);
        f.description = Text.plain(first(og, "og:description"));
        List<String> images = new ArrayList<>();
        for (String k : new String[] {"og:image:secure_url", "og:image", "og:image:url"}) {
            images.addAll(og.getOrDefault(k, List.of()));
        }
        f.images.addAll(Urls.absoluteUnique(page.url(), images));
        String currency = first(og, "product:price:currency", "og:price:currency", "product:sale_price:currency");
        String amount = first(og, "product:sale_price:amount", "product:price:amount", "og:price:amount");
        if (amount != null) {
            PriceHints h = hints.withPriceCurrency(currency);
            BigDecimal p = PriceParser.parseAmount(amount, h.priceCurrency());
            if (p != null) {
                f.price = p;
                f.currency = h.priceCurrency() != null ? h.priceCurrency() : PriceParser.parse(amount, hints).currency();
            }
        }
        f.availability = Availability.normalise(first(og, "product:availability", "og:availability"));
        f.brand = Text.clean(first(og, "product:brand", "og:brand"));
        for (String k : new String[] {"product:retailer_item_id", "product:sku", "og:sku", "og:product_id"}) {
            f.sku(SkuCandidate.Kind.SKU, first(og, k), k);
        }
        for (String k : new String[] {"product:gtin", "product:ean", "product:upc", "product:isbn"}) {
            f.sku(SkuCandidate.Kind.GTIN, first(og, k), k);
        }
        f.sku(SkuCandidate.Kind.MPN, first(og, "product:mfr_part_no"), "product:mfr_part_no");
        f.category = Text.clean(first(og, "product:category"));
        String condition = Text.clean(first(og, "product:condition", "og:condition"));
        if (condition != null) {
            f.specifications.put("condition", condition);
        }
        for (String k : new String[] {"product:gtin", "product:upc", "product:ean", "product:mfr_part_no", "product:color", "product:material", "product:size"}) {
            String v = Text.clean(first(og, k));
            if (v != null) {
                f.specifications.put(k.substring("product:".length()), v);
            }
        }
        ObjectNode raw = Json.object();
        og.forEach((k, v) -> {
            if (v.size() == 1) {
                raw.put(k, v.get(0));
            } else {
                ArrayNode a = raw.putArray(k);
                v.forEach(a::add);
            }
        });
        return new Step(SOURCE, f, "opengraph", raw);
    }

    private static String first(Map<String, List<String>> og, String... keys) {
        for (String k : keys) {
            List<String> v = og.get(k);
            if (v != null && !v.isEmpty()) {
                return v.get(0);
            }
        }
        return null;
    }
}
