package dev.gleaner.scraper.extract;

import static dev.gleaner.scraper.extract.ProductAssertions.assertPrice;
import static dev.gleaner.scraper.extract.ProductAssertions.assertRating;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.json.Json;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.scraper.TestPages;
import dev.gleaner.scraper.page.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductExtractorTest {
    private static ProductInfo extract(String resource, String url, String platform) {
        return new ProductExtractor().extract(Page.parse(TestPages.read(resource), url), platform);
    }

    // --- extruct fixtures -------------------------------------------------------------

    @Test
    void extructMicrodataProduct() {
        ProductInfo p = extract("third_party/extruct/schema.org_product.html", "https://shop.example/anvils/executive", null);
        assertEquals("Executive Anvil", p.title());
        assertEquals("ACME", p.brand());
        assertTrue(p.description().startsWith("Sleeker than ACME's Classic Anvil, the Executive Anvil is perfect"));
        assertPrice("119.99", p);
        assertEquals("USD", p.currency());
        assertEquals("In Stock", p.availability());
        assertRating(4.4, 89, p);
        assertEquals("Executive Objects", p.seller());
        assertEquals(List.of("https://shop.example/anvils/anvil_executive.jpg"), p.images());
        assertEquals("925872", p.specifications().get("mpn"));
        assertEquals("Used", p.specifications().get("itemCondition"));
        assertEquals("microdata", p.rawData().path("sources").path("title").asText());
        assertEquals("Executive Anvil", p.rawData().path("microdata").get(0).path("name").asText());
    }

    @Test
    void extructMicrodataWithItemref() {
        ProductInfo p = extract("third_party/extruct/schema.org_product-ref.html", "https://shop.example/p", null);
        assertEquals("Executive Anvil", p.title());
        assertEquals(List.of("https://shop.example/anvil_executive.jpg", "https://shop.example/img-2.jpg"), p.images());
        assertPrice("119.99", p);
        // The referenced and related products are nested values, not the page's product.
        assertEquals("REFERENCED PRODUCT", p.rawData().path("microdata").get(0).path("referenced_product").path("name").asText());
        assertEquals(2, p.rawData().path("microdata").get(0).path("related_products").size());
    }

    @Test
    void extructMicrodataWithoutPageUrlKeepsOnlyAbsoluteImages() {
        ProductInfo p = extract("third_party/extruct/misc_product_microdata.html", null, null);
        assertEquals("Executive Anvil", p.title());
        assertEquals(List.of(), p.images());
        assertPrice("119.99", p);
    }

    @Test
    void extructOpenGraphProductOnALargeSalesforcePage() {
        ProductInfo p = extract("third_party/extruct/misc_opengraph_ns_product_test.html",
                "https://www.fye.com/better-off-dead-exclusive-blu-ray-steelbook-fye.000000032429335302.html", null);
        assertPrice("17.99", p);
        assertEquals("USD", p.currency());
        assertEquals("In Stock", p.availability());
        assertTrue(p.images().get(0).startsWith("https://www.fye.com/dw/image/v2/BBNF_PRD/on/demandware.static/"), p.images().toString());
        assertTrue(p.title().startsWith("Better Off Dead"), p.title());
        assertEquals("32429335302", p.rawData().path("opengraph").path("product:gtin").asText());
        assertEquals("new", p.rawData().path("opengraph").path("product:condition").asText());
    }

    // --- our own pages, one per cascade step -------------------------------------------

    @Test
    void jsonLdGraphWithOffersListRatingAndBreadcrumbs() {
        ProductInfo p = extract("pages/jsonld-graph.html", "https://outdoor.example/p/trail-runner-2", null);
        assertEquals("Trail Runner 2 & More", p.title());
        assertEquals("Light trail shoe.", p.description());
        assertPrice("129.5", p); // the in-stock offer, the cheaper one
        assertEquals("USD", p.currency());
        assertEquals("In Stock", p.availability());
        assertEquals("Outdoor Outlet", p.seller());
        assertEquals("Stride", p.brand());
        assertEquals("TR2-BLK", p.sku());
        assertRating(4.6, 1234, p);
        assertEquals("Shoes > Running", p.category());
        assertEquals(List.of("https://outdoor.example/img/tr2-1.jpg", "https://cdn.outdoor.example/img/tr2-2.jpg",
                "https://cdn.outdoor.example/img/tr2-3.jpg"), p.images());
        assertEquals("6 mm", p.specifications().get("Drop"));
        assertEquals("Mesh", p.specifications().get("Upper"));
        assertEquals("0012345678905", p.specifications().get("gtin13"));
        Map<String, Object> sources = Json.convert(p.rawData().get("sources"), Map.class);
        for (String field : List.of("title", "price", "currency", "description", "images", "availability", "rating",
                "review_count", "seller", "brand", "sku", "category", "specifications")) {
            assertEquals("json-ld", sources.get(field), field);
        }
        assertEquals("OG title that should lose", p.rawData().path("opengraph").path("og:title").asText());
    }

    @Test
    void jsonLdIsReadLeniently() {
        ProductInfo p = extract("pages/jsonld-lenient.html", "https://kaffee.example.de/muehle", null);
        assertEquals("Kaffeemühle Classic", p.title());
        assertEquals("Mahlwerk", p.brand());
        assertEquals("Küche > Kaffee", p.category());
        assertPrice("1299", p);
        assertEquals("EUR", p.currency());
        assertEquals(List.of("https://kaffee.example.de/bilder/muehle.jpg"), p.images());
    }

    @Test
    void productGroupTakesPriceFromVariants() {
        ProductInfo p = extract("pages/jsonld-productgroup.html", "https://shop.example.co.uk/sweater", null);
        assertEquals("Wool Sweater", p.title());
        assertEquals("Knitwise", p.brand());
        assertPrice("69.99", p);
        assertEquals("GBP", p.currency()); // stated on the variant's offer ... or inferred from .co.uk
        assertEquals("Pre-Order", p.availability());
        assertEquals(List.of("https://shop.example.co.uk/ws-l.jpg"), p.images());
    }

    @Test
    void shopifyThemeJsonComesFirst() {
        ProductInfo p = extract("pages/shopify.html", "https://monoshop.example.kr/collections/new/products/linen-shirt", "shopify");
        assertEquals("린넨 셔츠", p.title());
        assertEquals("시원한 린넨 100%", p.description());
        assertPrice("59000", p);
        assertEquals("KRW", p.currency());
        assertEquals("모노", p.brand());
        assertEquals("셔츠", p.category());
        assertEquals("LS-L", p.sku());
        assertEquals("In Stock", p.availability());
        assertEquals(List.of("https://monoshop.example.kr/cdn/shop/products/shirt-1.jpg?v=1",
                "https://monoshop.example.kr/cdn/shop/products/shirt-2.jpg?v=1"), p.images());
        assertEquals("shopify-product-json", p.rawData().path("sources").path("title").asText());
        assertEquals("linen-shirt", p.rawData().path("shopify_product_json").path("handle").asText());
        assertEquals(5900000, p.rawData().path("shopify_analytics").path("variants").get(0).path("price").asInt());
    }

    @Test
    void shopifyProductEndpointIsUsedThroughTheFetcherFirst() {
        List<String> asked = new ArrayList<>();
        ProductJsonFetcher fetcher = url -> {
            asked.add(url);
            return Optional.of("{\"product\":{\"id\":777,\"title\":\"Linen Shirt\",\"body_html\":\"<p>Cool linen</p>\","
                    + "\"vendor\":\"Mono\",\"product_type\":\"Shirts\",\"variants\":[{\"price\":\"64000.00\",\"sku\":\"LS-L\"},"
                    + "{\"price\":\"59000.00\",\"sku\":\"LS-S\"}],\"images\":[{\"src\":\"https://cdn.shopify.com/a.jpg\"},"
                    + "{\"src\":\"https://cdn.shopify.com/b.jpg\"},{\"src\":\"https://cdn.shopify.com/c.jpg\"}]}}");
        };
        ProductInfo p = new ProductExtractor(fetcher).extract(Page.parse(TestPages.read("pages/shopify.html"),
                "https://monoshop.example.kr/en/collections/new/products/linen-shirt?variant=2"), "shopify");
        assertEquals(List.of("https://monoshop.example.kr/products/linen-shirt.json"), asked);
        assertEquals("Linen Shirt", p.title());
        assertPrice("59000", p);
        assertEquals("KRW", p.currency());
        assertEquals(3, p.images().size());
        assertEquals("In Stock", p.availability()); // the endpoint has none: the theme JSON fills it
        assertEquals("shopify-product-endpoint", p.rawData().path("sources").path("title").asText());
        assertEquals("shopify-product-json", p.rawData().path("sources").path("availability").asText());
    }

    @Test
    void fetcherFailuresFallBackToThePage() {
        ProductJsonFetcher failing = url -> {
            throw new IllegalStateException("boom");
        };
        ProductInfo p = new ProductExtractor(failing).extract(
                Page.parse(TestPages.read("pages/shopify.html"), "https://monoshop.example.kr/products/linen-shirt"), "shopify");
        assertEquals("린넨 셔츠", p.title());
        ProductInfo q = new ProductExtractor(url -> Optional.of("<html>not json</html>")).extract(
                Page.parse(TestPages.read("pages/shopify.html"), "https://monoshop.example.kr/products/linen-shirt"), "shopify");
        assertEquals("린넨 셔츠", q.title());
    }

    @Test
    void productJsonUrls() {
        assertEquals("https://s.example/products/tee.json", ShopifyExtractor.productJsonUrl("https://s.example/products/tee"));
        assertEquals("https://s.example/products/tee.json", ShopifyExtractor.productJsonUrl("https://s.example/collections/all/products/tee?variant=1#x"));
        assertEquals("https://s.example/products/tee.json", ShopifyExtractor.productJsonUrl("https://s.example/en-us/products/tee"));
        assertEquals("http://s.example:8080/products/tee.json", ShopifyExtractor.productJsonUrl("http://s.example:8080/products/tee.json"));
        assertNull(ShopifyExtractor.productJsonUrl("https://s.example/collections/all"));
        assertNull(ShopifyExtractor.productJsonUrl("https://s.example/products/"));
        assertNull(ShopifyExtractor.productJsonUrl(null));
        assertNull(ShopifyExtractor.productJsonUrl("::"));
    }

    @Test
    void heuristicsForPagesWithoutStructuredData() {
        ProductInfo p = extract("pages/heuristic.html", "https://claystudio.example/shop/mug", null);
        assertEquals("Handmade Mug", p.title());
        assertPrice("24", p);
        assertEquals("USD", p.currency());
        assertEquals("A \"handmade\" stoneware mug, 350 ml.", p.description());
        assertEquals("In Stock", p.availability()); // class "in-stock" says so
        assertEquals("MUG-350", p.sku());
        assertEquals(List.of("https://claystudio.example/media/mug-zoom.jpg", "https://claystudio.example/media/mug-zoom2.jpg",
                "https://claystudio.example/media/mug-main.jpg"), p.images());
        assertEquals("html", p.rawData().path("sources").path("price").asText());
    }

    @Test
    void plainPageGivesLittleAndNeverFails() {
        ProductInfo p = extract("pages/none.html", "https://x.example/about", null);
        assertEquals("About us", p.title());
        assertNull(p.price());
        assertFalse(p.hasProductData() && p.price() != null);
        for (String html : new String[] {"", "<", "<html><script type=\"application/ld+json\">[[[[[</script>", "\u0000\u0001"}) {
            ProductInfo q = new ProductExtractor().extract(Page.parse(html, "https://x.example/"), null);
            assertNull(q.price());
        }
    }

    @Test
    void rawDataIsBounded() {
        StringBuilder reviews = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            reviews.append(i == 0 ? "" : ",").append("{\"@type\":\"Review\",\"reviewBody\":\"Great product number ").append(i).append("\"}");
        }
        String html = "<script type=\"application/ld+json\">{\"@type\":\"Product\",\"name\":\"Big\",\"review\":[" + reviews
                + "],\"offers\":{\"price\":\"10\",\"priceCurrency\":\"USD\"}}</script>";
        ProductInfo p = new ProductExtractor().extract(Page.parse(html, "https://x.example/"), null);
        assertEquals("Big", p.title());
        assertTrue(Json.write(p.rawData()).length() <= ProductExtractor.MAX_RAW_CHARS);
        assertTrue(p.rawData().path("truncated").asBoolean());
        assertEquals("Big", p.rawData().path("json_ld").get(0).path("name").asText());
    }
}
