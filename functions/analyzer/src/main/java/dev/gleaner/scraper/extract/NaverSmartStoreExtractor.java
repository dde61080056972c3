package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.PriceParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Naver Smart Store and Brand Store pages: their markup has generated class names and no
 * structured data beyond {@code og:*} (whose title carries the store name), but the server
 * renders the product into {@code window.__PRELOADED_STATE__}: {@code product.A} holds the
 * name, {@code salePrice} and the discounted price, stock and status, images, review summary,
 * brand and category.
 */
final class NaverSmartStoreExtractor {
    static final String SOURCE = "naver-preloaded-state";
    private static final String MARKER = "__PRELOADED_STATE__";

    private NaverSmartStoreExtractor() {}

    static Step extract(Page page) {
        JsonNode product = product(page);
        if (product == null) {
            return null;
        }
        Fields f = new Fields();
        f.title = Text.clean(SchemaProduct.text(product.get("name")));
        BigDecimal price = amount(product.path("benefitsView").get("discountedSalePrice"));
        if (price == null) {
            price = amount(product.get("discountedSalePrice"));
        }
        if (price == null) {
            price = amount(product.get("salePrice"));
        }
        if (price != null) {
            f.price = price;
            f.currency = "KRW"; // Smart Store sells in won only
        }
        String status = SchemaProduct.text(product.get("productStatusType"));
        JsonNode stock = product.get("stockQuantity");
        if (status != null) {
            f.availability = switch (status) {
                case "SALE" -> stock != null && stock.isNumber() && stock.asLong() <= 0 ? Availability.OUT_OF_STOCK
                        : Availability.IN_STOCK;
                case "OUTOFSTOCK" -> Availability.OUT_OF_STOCK;
                case "SUSPENSION", "CLOSE", "PROHIBITION", "DELETE" -> Availability.DISCONTINUED;
                case "WAIT" -> Availability.PRE_ORDER;
                default -> null;
            };
        }
        JsonNode search = product.path("naverShoppingSearchInfo");
        f.brand = Text.clean(SchemaProduct.text(search.get("brandName")));
        if (f.brand == null) {
            f.brand = Text.clean(SchemaProduct.text(search.get("manufacturerName")));
        }
        f.seller = Text.clean(SchemaProduct.text(product.path("channel").get("channelName")));
        f.sku(SkuCandidate.Kind.PLATFORM, SchemaProduct.text(product.get("id")), "product id");
        f.category = Text.clean(SchemaProduct.text(product.path("category").get("wholeCategoryName")));
        if (f.category != null) {
            f.category = f.category.replace(">", " > ");
        }
        JsonNode reviews = product.path("reviewAmount");
        f.rating = Ratings.toFive(SchemaProduct.number(reviews.get("averageReviewScore")), 5.0);
        f.reviewCount = SchemaProduct.count(reviews.get("totalReviewCount"));
        List<String> images = new ArrayList<>();
        for (JsonNode img : SchemaProduct.iterable(product.get("productImages"))) {
            String u = SchemaProduct.text(img.get("url"));
            if (u != null) {
                images.add(u);
            }
        }
        f.images.addAll(Urls.absoluteUnique(page.url(), images));
        String model = Text.clean(SchemaProduct.text(search.get("modelName")));
        if (model != null) {
            f.specifications.put("model", model);
        }
        return new Step(SOURCE, f, "naver_product", product);
    }

    private static JsonNode product(Page page) {
        for (Element script : page.inlineScripts()) {
            String js = script.data();
            int at = js.indexOf(MARKER);
            if (at < 0) {
                continue;
            }
            int eq = js.indexOf('=', at);
            String obj = eq < 0 ? null : LenientJson.objectAt(js, eq + 1);
            JsonNode state = obj == null ? null : LenientJson.parse(obj);
            JsonNode product = state == null ? null : state.path("product").get("A");
            if (product != null && product.isObject() && product.has("name")) {
                return product;
            }
        }
        return null;
    }

    private static BigDecimal amount(JsonNode node) {
        String t = SchemaProduct.text(node);
        BigDecimal v = t == null ? null : PriceParser.parseAmount(t, "KRW");
        return v == null || v.signum() <= 0 ? null : v;
    }
}
