package dev.gleaner.scraper.extract;

import static dev.gleaner.scraper.extract.ProductAssertions.assertPrice;
import static dev.gleaner.scraper.extract.ProductAssertions.assertRating;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.scraper.page.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The steps added to the cascade for what structured data leaves out, one small page each. */
class CascadeFallbacksTest {
    private static ProductInfo extract(String html, String url, String platform) {
        return new ProductExtractor().extract(Page.parse(html, url), platform);
    }

    @Test
    void labelledValuesGiveSkuBrandAndAvailabilityInManyLanguages() {
        ProductInfo woo = extract("<h1>Bougie</h1><div class=product_meta><span class=sku_wrapper>UGS : <span class=sku>"
                + "ML-BG-180</span></span></div>", "https://shop.example.fr/p", null);
        assertEquals("ML-BG-180", woo.sku());
        assertEquals("labels", woo.rawData().path("sources").path("sku").asText());

        ProductInfo table = extract("<h1>도마</h1><table><tr><th><span>상품코드</span></th><td><span>P0000BCD</span></td></tr>"
                + "</table><dl><dt>브랜드</dt><dd>초록다원</dd></dl>", "https://shop.example.kr/p", null);
        assertEquals("P0000BCD", table.sku());
        assertEquals("초록다원", table.brand());

        ProductInfo list = extract("<h1>Kilim</h1><ul><li>Marka: <a href=/m>Anadolu Dokuma</a></li><li>Ürün Kodu: AD-KLM-45</li>"
                + "<li>Stok Durumu: Stokta var</li></ul>", "https://shop.example.com.tr/p", null);
        assertEquals("Anadolu Dokuma", list.brand());
        assertEquals("AD-KLM-45", list.sku());
        assertEquals("In Stock", list.availability());

        ProductInfo noColon = extract("<h1>Käse</h1><p class=artnr>Art.-Nr. 40817</p>", "https://shop.example.ch/p", null);
        assertEquals("40817", noColon.sku());

        ProductInfo words = extract("<h1>Lamp</h1><p>Product code: BW-LMP-OAT</p><p>SKU: see below</p>",
                "https://shop.example.co.uk/p", null);
        assertEquals("BW-LMP-OAT", words.sku(), "a code without digits still counts; prose does not");
    }

    @Test
    void reviewWidgetsFillTheRatingWhenStructuredDataHasNone() {
        ProductInfo judgeMe = extract("<h1>Shoe</h1><div class=jdgm-prev-badge data-average-rating=4.72 "
                + "data-number-of-reviews=132></div>", "https://shop.example/p", null);
        assertRating(4.72, 132, judgeMe);

        ProductInfo yotpo = extract("<h1>Board</h1><div class='yotpo-bottomline pull-left'><span class=sr-only>4.8 star rating"
                + "</span><a class=text-m aria-label='57 reviews'>57 Bewertungen</a></div>", "https://shop.example.de/p", null);
        assertRating(4.8, 57, yotpo);

        ProductInfo okendo = extract("<h1>Jumper</h1><div class=okeReviews-reviewsSummary><span>Rated 4.6 out of 5</span>"
                + "<span>Based on 23 reviews</span></div>", "https://shop.example/p", null);
        assertRating(4.6, 23, okendo);

        ProductInfo structured = extract("<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"X\","
                + "\"aggregateRating\":{\"ratingValue\":3.9,\"reviewCount\":10}}</script><div class=review-summary>Rated 4.6 "
                + "out of 5</div>", "https://shop.example/p", null);
        assertEquals(3.9, structured.rating(), "a widget never overrides structured data");
    }

    @Test
    void buyButtonsGiveAvailabilityLastAndOnlyFromTheFirstControlThatSaysSomething() {
        ProductInfo kr = extract("<h1>팬츠</h1><div class=btnArea><a href='#none' onclick=\"product_submit(1, '/exec/front/order/"
                + "basket/', this)\"><img alt='바로구매하기'></a><span class='displaynone '><img alt='SOLD OUT'></span></div>",
                "https://shop.example.co.kr/p", null);
        assertEquals("In Stock", kr.availability());

        ProductInfo badge = extract("<h1>Shoe</h1><span class='badge price__badge-sold-out' aria-hidden=true>Sold out</span>"
                + "<button type=submit name=add class=product-form__submit>Add to cart</button>", "https://shop.example/p", null);
        assertEquals("In Stock", badge.availability(), "the theme's hidden sold-out badge is not a statement");

        ProductInfo soldOut = extract("<h1>Mouse</h1><button class=buy-btn disabled>품절</button>", "https://shop.example.kr/p", null);
        assertEquals("Sold Out", soldOut.availability());

        ProductInfo waiting = extract("<h1>Jacket</h1><button type=submit class='action primary tocart' disabled>Add to Cart"
                + "</button>", "https://shop.example/p", null);
        assertNull(waiting.availability(), "a disabled button often waits for a size to be chosen");
    }

    @Test
    void jsonLdInTheWrongCaseAndWithReferencesIsRepaired() {
        ProductInfo wix = extract("<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"Scarf\",\"Offers\":{"
                + "\"@type\":\"Offer\",\"priceCurrency\":\"USD\",\"price\":\"68\",\"Availability\":\"https://schema.org/InStock\"}}"
                + "</script>", "https://shop.example/p", null);
        assertPrice("68", wix);
        assertEquals("USD", wix.currency());
        assertEquals("In Stock", wix.availability());

        ProductInfo etsy = extract("<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"Keyring\",\"image\":["
                + "{\"@type\":\"ImageObject\",\"contentURL\":\"https://i.example/1.jpg\"},{\"@type\":\"ImageObject\","
                + "\"contentURL\":\"https://i.example/2.jpg\"}]}</script>", "https://shop.example/p", null);
        assertEquals(List.of("https://i.example/1.jpg", "https://i.example/2.jpg"), etsy.images());

        ProductInfo graph = extract("<script type=application/ld+json>{\"@context\":\"https://schema.org\",\"@graph\":["
                + "{\"@type\":\"Organization\",\"@id\":\"https://s.example/#org\",\"name\":\"Northern Hearth Co.\"},"
                + "{\"@type\":\"Product\",\"name\":\"Board\",\"brand\":{\"@id\":\"https://s.example/#org\"}}]}</script>",
                "https://s.example/p", null);
        assertEquals("Northern Hearth Co.", graph.brand());
    }

    @Test
    void aReviewAppsSecondProductBlockAddsItsRating() {
        ProductInfo p = extract("<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"Board\",\"offers\":{"
                + "\"price\":49.9,\"priceCurrency\":\"EUR\"}}</script><script type=application/ld+json>{\"@type\":\"Product\","
                + "\"name\":\"Board\",\"aggregateRating\":{\"ratingValue\":\"4.8\",\"reviewCount\":\"57\"}}</script>",
                "https://shop.example.de/p", null);
        assertPrice("49.9", p);
        assertRating(4.8, 57, p);
        ProductInfo other = extract("<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"Board\",\"offers\":{"
                + "\"price\":49.9,\"priceCurrency\":\"EUR\"}}</script><script type=application/ld+json>{\"@type\":\"Product\","
                + "\"name\":\"Knife\",\"aggregateRating\":{\"ratingValue\":\"4.1\",\"reviewCount\":\"5\"}}</script>",
                "https://shop.example.de/p", null);
        assertNull(other.rating(), "a block about another product adds nothing");
    }

    @Test
    void oneProductBlockPerSizeTheFirstSoldOutLeavesTheProductInStock() {
        String block = "{\"@context\":\"http://schema.org/\",\"@type\":\"Product\",\"sku\":\"%s\",\"name\":\"BOOTS\","
                + "\"offers\":{\"@type\":\"Offer\",\"price\":\"69.95\",\"priceCurrency\":\"EUR\","
                + "\"availability\":\"http://schema.org/%s\"}}";
        String page = "<script type=application/ld+json>[" + String.format(block, "B-35", "OutOfStock") + ","
                + String.format(block, "B-36", "InStock") + "]</script><h1>BOOTS</h1>";
        assertEquals("In Stock", extract(page, "https://shop.example/boots", null).availability());
        String allSoldOut = "<script type=application/ld+json>[" + String.format(block, "B-35", "OutOfStock") + ","
                + String.format(block, "B-36", "OutOfStock") + "]</script><h1>BOOTS</h1>";
        assertEquals("Out of Stock", extract(allSoldOut, "https://shop.example/boots", null).availability());
    }

    @Test
    void aProductGroupTakesTheSkuOfTheVariantWhoseOfferWasChosen() {
        ProductInfo p = extract("<script type=application/ld+json>{\"@type\":\"ProductGroup\",\"name\":\"Blanket\",\"hasVariant\":["
                + "{\"@type\":\"Product\",\"sku\":\"GREY\",\"offers\":{\"price\":1295,\"priceCurrency\":\"SEK\","
                + "\"availability\":\"https://schema.org/OutOfStock\"}},{\"@type\":\"Product\",\"sku\":\"WHITE\",\"offers\":{"
                + "\"price\":1295,\"priceCurrency\":\"SEK\",\"availability\":\"https://schema.org/InStock\"}}]}</script>",
                "https://shop.example.se/p", null);
        assertEquals("WHITE", p.sku());
        assertEquals("In Stock", p.availability());
    }

    @Test
    void theGalleryReplacesASingleStructuredImage() {
        ProductInfo p = extract("<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"Dripper\",\"image\":"
                + "\"https://s.example/up/dripper-1.jpg\"}</script><div class=woocommerce-product-gallery__image>"
                + "<a href=https://s.example/up/dripper-1.jpg><img src=https://s.example/up/dripper-1-600x600.jpg></a></div>"
                + "<div class=woocommerce-product-gallery__image><a href=https://s.example/up/dripper-2.jpg>"
                + "<img src=https://s.example/up/dripper-2-600x600.jpg data-large_image=https://s.example/up/dripper-2.jpg></a></div>"
                + "<div class=related><a href=/product/other><img src=https://s.example/up/other.jpg></a></div>",
                "https://s.example/p", "woocommerce");
        assertEquals(List.of("https://s.example/up/dripper-1.jpg", "https://s.example/up/dripper-2.jpg"), p.images());
        assertEquals("gallery", p.rawData().path("sources").path("images").asText());
    }

    @Test
    void aSaleContainerAndFrenchOrGermanPriceClassesGiveTheCurrentPrice() {
        ProductInfo woo = extract("<h1>Bougie</h1><p class=price><del><span class='woocommerce-Price-amount amount'><bdi>29,90&nbsp;€"
                + "</bdi></span></del> <ins><span class='woocommerce-Price-amount amount'><bdi>24,90&nbsp;€</bdi></span></ins></p>",
                "https://shop.example.fr/p", null);
        assertPrice("24.90", woo);
        ProductInfo ch = extract("<h1>Käse</h1><div class=preis><span class=preis-betrag>Fr. 49.–</span></div>"
                + "<div class=teaser><p class=teaser-price>CHF 12.90</p></div>", "https://shop.example.ch/p", null);
        assertPrice("49", ch);
        assertEquals("CHF", ch.currency());
    }

    @Test
    void platformStepsReadTheirOwnMarkup() {
        ProductInfo naver = extract("<script>window.__PRELOADED_STATE__={\"product\":{\"A\":{\"id\":812,\"name\":\"편백 도마\","
                + "\"salePrice\":45000,\"benefitsView\":{\"discountedSalePrice\":32900},\"stockQuantity\":3,\"productStatusType\":"
                + "\"SALE\",\"productImages\":[{\"url\":\"https://shop-phinf.pstatic.net/a.jpg\"}],\"reviewAmount\":{"
                + "\"totalReviewCount\":1284,\"averageReviewScore\":4.87},\"naverShoppingSearchInfo\":{\"brandName\":\"숲속공방\"}}}};"
                + "</script>", "https://smartstore.naver.com/s/products/812", "naver_smartstore");
        assertEquals("편백 도마", naver.title());
        assertPrice("32900", naver);
        assertEquals("KRW", naver.currency());
        assertEquals("In Stock", naver.availability());
        assertEquals("숲속공방", naver.brand());
        assertEquals("812", naver.sku());
        assertRating(4.87, 1284, naver);

        ProductInfo amazon = extract("<span id=productTitle> Charger </span><a id=bylineInfo>Besuche den Bosch Professional-Store</a>"
                + "<div id=corePriceDisplay_desktop_feature_div><span class=a-price><span class=a-offscreen>129,99€</span></span>"
                + "<span class='a-price a-text-price' data-a-strike=true><span class=a-offscreen>164,99€</span></span></div>"
                + "<div id=availability><span>Auf Lager</span></div><input id=ASIN value=B07PFP8S3K>"
                + "<span id=acrPopover title='4,7 von 5 Sternen'></span><span id=acrCustomerReviewText>2.345 Sternebewertungen</span>",
                "https://www.amazon.de/dp/B07PFP8S3K", "amazon");
        assertEquals("Charger", amazon.title());
        assertPrice("129.99", amazon);
        assertEquals("EUR", amazon.currency());
        assertEquals("Bosch Professional", amazon.brand());
        assertEquals("B07PFP8S3K", amazon.sku());
        assertRating(4.7, 2345, amazon);

        ProductInfo coupang = extract("<a class=prod-brand-name data-brand-name=로지텍>로지텍</a><h2 class=prod-buy-header__title>마우스"
                + "</h2><div class=prod-buy-header__productreview><span class=rating-star-num style='width: 90.0%;'></span>"
                + "<span class=count>8,120개 상품평</span></div><div class=prod-sale-price><span class=total-price><strong>24,900"
                + "<span>원</span></strong></span></div><div class=oos-label>일시품절</div>", "https://www.coupang.com/vp/products/1",
                "coupang");
        assertEquals("마우스", coupang.title());
        assertPrice("24900", coupang);
        assertEquals("로지텍", coupang.brand());
        assertRating(4.5, 8120, coupang);
        assertEquals("Sold Out", coupang.availability());

        ProductInfo opencart = extract("<h1>Kilim</h1><ul class=list-unstyled><li><span style='text-decoration: line-through;'>"
                + "1.499,90TL</span></li><li><h2>1.249,90TL</h2></li></ul>", "https://shop.example.com.tr/index.php?route=product/"
                + "product&product_id=57", "opencart");
        assertPrice("1249.90", opencart);
        assertEquals("TRY", opencart.currency());
    }

    @Test
    void shopifyThemeJsonWrappedInAProductKeyAndTheSelectedVariantAreRead() {
        ProductInfo wrapped = extract("<script type=application/json data-product-json>{\"product\":{\"title\":\"Board\","
                + "\"vendor\":\"Lindenholz\",\"price\":4990,\"available\":true,\"images\":[\"//s.example/a.jpg\",\"//s.example/b.jpg\"],"
                + "\"variants\":[{\"id\":1,\"sku\":\"LH-1\",\"available\":true}]}}</script>", "https://s.example/products/board",
                "shopify");
        assertEquals("Board", wrapped.title());
        assertPrice("49.9", wrapped);
        assertEquals(2, wrapped.images().size());

        ProductInfo selected = extract("<script>var meta = {\"product\":{\"vendor\":\"Haneul\",\"variants\":[{\"id\":11,\"price\":2800000,"
                + "\"sku\":\"HL-300\"},{\"id\":12,\"price\":1900000,\"sku\":\"HL-150\"}]}};</script>"
                + "<form action=\"/cart/add\" method=post><input type=hidden name=\"id\" value=\"12\"></form>",
                "https://s.example/products/toner", "shopify");
        assertEquals("HL-150", selected.sku(), "the variant the product form selects");
        assertEquals("HL-300", extract("<script>var meta = {\"product\":{\"variants\":[{\"id\":11,\"price\":2800000,\"sku\":\"HL-300\"},"
                + "{\"id\":12,\"price\":1900000,\"sku\":\"HL-150\"}]}};</script>", "https://s.example/products/toner?variant=11",
                "shopify").sku(), "or the ?variant= in the URL");
    }
}
