package dev.gleaner.scraper.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.scraper.TestPages;
import dev.gleaner.scraper.page.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlatformDetectorTest {
    private static final String PLAIN = "<html><head><title>Shop</title></head><body><h1>Mug</h1><p>$12</p></body></html>";

    /** A small, realistic page per platform, served from a host that does not give it away. */
    static Stream<Arguments> pages() {
        return Stream.of(
            Arguments.of("shopify", "https://shop.example/products/tee", """
                <html><head><meta name="shopify-checkout-api-token" content="abc">
                <script src="//cdn.shopify.com/s/files/1/0001/t/2/assets/theme.js"></script>
                <script>window.Shopify = window.Shopify || {}; Shopify.theme = {"name":"Dawn"};</script></head>
                <body><div id="shopify-section-header" class="shopify-section">x</div></body></html>""",
                Map.of(), List.of()),
            Arguments.of("woocommerce", "https://blog.example/product/mug/", """
                <html><head><meta name="generator" content="WooCommerce 8.9.1">
                <link rel="stylesheet" href="https://blog.example/wp-content/plugins/woocommerce/assets/css/woocommerce.css">
                <script>var wc_add_to_cart_params = {"ajax_url":"/wp-admin/admin-ajax.php","wc_ajax_url":"/?wc-ajax=%%endpoint%%"};</script>
                </head><body class="product-template-default single single-product woocommerce woocommerce-page">
                <div class="woocommerce-product-gallery"></div></body></html>""",
                Map.of(), List.of("woocommerce_recently_viewed=12")),
            Arguments.of("magento", "https://store.example/mug.html", """
                <html><head><script type="text/x-magento-init">{"*":{"Magento_Ui/js/core/app":{}}}</script>
                <script src="https://store.example/static/version1700000000/frontend/Magento/luma/en_US/requirejs/require.js"></script>
                </head><body><form data-mage-init='{"validation":{}}'></form></body></html>""",
                Map.of("X-Magento-Tags", List.of("cat_p_1")), List.of("mage-cache-storage=%7B%7D")),
            Arguments.of("bigcommerce", "https://store.example/mug/", """
                <html><head><meta name="platform" content="bigcommerce.stencil">
                <script src="https://cdn11.bigcommerce.com/s-abc/stencil/1/js/theme-bundle.main.js"></script>
                <script>window.BCData = {"product_attributes":{"price":{}}};</script></head>
                <body><div class="productView productView-images"></div></body></html>""",
                Map.of(), List.of("SHOP_SESSION_TOKEN=x")),
            Arguments.of("wix", "https://www.studio.example/product-page/mug", """
                <html><head><meta name="generator" content="Wix.com Website Builder">
                <script src="https://static.parastorage.com/unpkg/react@18/umd/react.production.min.js"></script>
                <link rel="preload" href="https://static.wixstatic.com/media/abc.jpg"></head><body></body></html>""",
                Map.of("x-wix-request-id", List.of("1700000000.123")), List.of()),
            Arguments.of("squarespace", "https://www.ceramics.example/shop/p/mug", """
                <html><head><meta name="generator" content="Squarespace">
                <link rel="stylesheet" href="https://static1.squarespace.com/static/versioned-site-css/abc/site.css">
                <script>Static.SQUARESPACE_CONTEXT = {"website":{}};</script></head><body></body></html>""",
                Map.of("Server", List.of("Squarespace")), List.of()),
            Arguments.of("prestashop", "https://boutique.example/accueil/12-mug.html", """
                <html><head><meta name="generator" content="PrestaShop">
                <script src="https://boutique.example/modules/ps_shoppingcart/ps_shoppingcart.js"></script>
                <script>var prestashop = {"cart":{},"currency":{"iso_code":"EUR"}};</script></head><body></body></html>""",
                Map.of(), List.of("PrestaShop-a1b2c3=def")),
            Arguments.of("shopware", "https://laden.example/Tasse/SW10001", """
                <html><head><link rel="stylesheet" href="https://laden.example/theme/abc/css/all.css">
                <script src="https://laden.example/bundles/storefront/storefront/js/storefront.js"></script>
                <script>window.salesChannelId = 'abc'; window.router = {'frontend.checkout.line-item.add': '/checkout/line-item/add'};</script>
                </head><body></body></html>""",
                Map.of("sw-version-id", List.of("0fa91ce3")), List.of("sw-states=x")),
            Arguments.of("salesforce_commerce_cloud", "https://www.retailer.example/mug-123.html", """
                <html><head><link href="/on/demandware.static/Sites-Retailer-Site/-/default/dw1/images/favicon.ico" rel="icon">
                <script src="/on/demandware.static/Sites-Retailer-Site/-/en_US/v1/js/main.js"></script>
                <form action="/on/demandware.store/Sites-Retailer-Site/en_US/Cart-AddProduct"></form></head><body></body></html>""",
                Map.of(), List.of("dwsid=abc", "dwanonymous_123=xyz")),
            Arguments.of("opencart", "https://shop.example/index.php?route=product/product&product_id=42", """
                <html><head><link href="catalog/view/theme/default/stylesheet/stylesheet.css" rel="stylesheet">
                <script src="catalog/view/javascript/common.js"></script></head>
                <body><a href="https://shop.example/index.php?route=checkout/cart">Cart</a></body></html>""",
                Map.of(), List.of("OCSESSID=abc123")),
            Arguments.of("naver_smartstore", "https://smartstore.naver.com/mono/products/1234567", """
                <html><head><meta property="og:image" content="https://shop-phinf.pstatic.net/20240101/abc.jpg">
                </head><body><div id="root"></div></body></html>""",
                Map.of(), List.of()),
            Arguments.of("coupang", "https://www.coupang.com/vp/products/123456?itemId=1", """
                <html><head><link rel="preconnect" href="https://thumbnail6.coupangcdn.com"></head><body></body></html>""",
                Map.of(), List.of("PCID=1")),
            Arguments.of("amazon", "https://www.amazon.co.jp/dp/B000000000", """
                <html><head><script>var ue_sid='123';</script></head>
                <body><div id="dp" data-asin="B000000000"><img src="https://m.media-amazon.com/images/I/abc.jpg"></div></body></html>""",
                Map.of("x-amz-rid", List.of("ABC")), List.of("ubid-acbjp=1")),
            Arguments.of("ebay", "https://www.ebay.de/itm/1234567890", """
                <html><head><link rel="stylesheet" href="https://ir.ebaystatic.com/rs/c/vi.css"></head>
                <body><img src="https://i.ebayimg.com/images/g/abc/s-l1600.jpg"></body></html>""",
                Map.of(), List.of()),
            Arguments.of("etsy", "https://www.etsy.com/listing/123/handmade-mug", """
                <html><head><link rel="stylesheet" href="https://www.etsy.com/ac/sasquatch/css/core.css">
                <img src="https://i.etsystatic.com/123/r/il/abc/il_794xN.jpg"></head><body></body></html>""",
                Map.of(), List.of("uaid=abc")),
            Arguments.of("cafe24", "https://www.kshop.example/product/mug/12/", """
                <html><head><script>var EC_GLOBAL_INFO = {"base_domain":"kshop.example"}; var EC_ROOT_DOMAIN = "cafe24.com";</script>
                <script src="//echosting.cafe24.com/ec/frontend/js/app.js"></script></head>
                <body><div class="xans-element- xans-product xans-product-detail"></div></body></html>""",
                Map.of(), List.of()),
            Arguments.of("godomall", "https://www.gshop.example/goods/goods_view.php?goodsNo=100", """
                <html><head><link href="/data/skin/front/mystyle/css/common.css" rel="stylesheet">
                <script src="/data/skin/front/mystyle/js/gd_ui.js"></script>
                <!-- powered by godomall5 --></head><body></body></html>""",
                Map.of(), List.of()),
            Arguments.of("makeshop", "https://www.mshop.example/shop/shopdetail.html?branduid=123", """
                <html><head><script src="/shopimages/mshop/js/common.js"></script></head>
                <body><a href="/shop/shopdetail.html?branduid=124">next</a><!-- MakeShop --></body></html>""",
                Map.of(), List.of()),
            Arguments.of("imweb", "https://www.iweb.example/shop_view/?idx=12", """
                <html><head><script src="https://vendor-cdn.imweb.me/js/jquery.js"></script>
                <link href="https://cdn.imweb.me/upload/S201/abc.css" rel="stylesheet"><script>var IMWEB_TEMPLATE = {};</script></head>
                <body></body></html>""",
                Map.of(), List.of())
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void detectsEachPlatform(String platform, String url, String html, Map<String, List<String>> headers, List<String> cookies) {
        Detection d = PlatformDetector.detect(html, url, headers, cookies);
        assertEquals(platform, d.platform(), d.toString());
        assertTrue(d.confidence() >= PlatformDetector.THRESHOLD && d.confidence() <= 1.0, d.toString());
        assertFalse(d.indicators().isEmpty());
    }

    @ParameterizedTest(name = "{0}: no other platform reaches the threshold")
    @MethodSource("pages")
    void noOtherPlatformReachesTheThreshold(String platform, String url, String html, Map<String, List<String>> headers,
            List<String> cookies) {
        Map<String, Double> scores = PlatformDetector.score(Page.parse(html, url), headers, cookies,
                new LinkedHashMap<>());
        scores.forEach((other, confidence) -> {
            if (!other.equals(platform)) {
                assertTrue(confidence < PlatformDetector.THRESHOLD, platform + " page scores " + other + " at " + confidence);
            }
        });
    }

    @Test
    void crossPlatformNegatives() {
        List<Arguments> all = pages().toList();
        for (Arguments a : all) {
            String platform = (String) a.get()[0];
            String html = (String) a.get()[2];
            Detection d = PlatformDetector.detect(html, "https://neutral.example/p", Map.of(), List.of());
            // Without the host, headers and cookies the page alone must not be mistaken for another platform.
            assertTrue(d.platform() == null || d.platform().equals(platform), platform + " page detected as " + d);
        }
    }

    @Test
    void realSalesforcePageFromTheExtructFixtures() {
        Detection d = PlatformDetector.detect(TestPages.read("third_party/extruct/misc_opengraph_ns_product_test.html"),
                "https://www.fye.com/better-off-dead.html", null, null);
        assertEquals("salesforce_commerce_cloud", d.platform());
        assertTrue(d.indicators().contains("script loaded from demandware.static"), d.indicators().toString());
    }

    @Test
    void shopifyIndicatorsReadLikeTheContract() {
        Detection d = PlatformDetector.detect(TestPages.read("pages/shopify.html"), "https://monoshop.example.kr/products/linen-shirt",
                Map.of("X-ShopId", List.of("12345")), List.of("_shopify_y=abc; Path=/; Expires=Wed, 01 Jan 2030 00:00:00 GMT"));
        assertEquals("shopify", d.platform());
        assertTrue(d.indicators().contains("Shopify pattern found: cdn.shopify.com"), d.indicators().toString());
        assertTrue(d.indicators().contains("shopify-section class detected"), d.indicators().toString());
        assertTrue(d.indicators().contains("x-shopid header present"), d.indicators().toString());
        assertTrue(d.indicators().contains("_shopify_y cookie set"), d.indicators().toString());
        assertTrue(d.indicators().contains("meta shopify-checkout-api-token found"), d.indicators().toString());
        assertTrue(d.confidence() > 0.95);
    }

    @Test
    void confidenceGrowsWithEvidence() {
        String htmlOnly = "<html><head><script src=\"//cdn.shopify.com/s/theme.js\"></script></head><body></body></html>";
        double onlyHtml = PlatformDetector.detect(htmlOnly, "https://neutral.example/p", null, null).confidence();
        double onlyHost = PlatformDetector.detect(PLAIN, "https://mono.myshopify.com/products/x", null, null).confidence();
        double both = PlatformDetector.detect(htmlOnly, "https://mono.myshopify.com/products/x", null, null).confidence();
        assertTrue(both > onlyHost && onlyHost > onlyHtml, onlyHtml + " / " + onlyHost + " / " + both);
        double withHeaders = PlatformDetector.detect(htmlOnly, "https://mono.myshopify.com/products/x",
                Map.of("x-shopid", List.of("1")), null).confidence();
        assertTrue(withHeaders > both);
        assertTrue(withHeaders < 1.0);

        double marketplaceHostOnly = PlatformDetector.detect(PLAIN, "https://www.amazon.com/dp/B01", null, null).confidence();
        double marketplaceHostAndHtml = PlatformDetector.detect("<div data-asin=\"B01\"></div>", "https://www.amazon.com/dp/B01", null, null).confidence();
        assertEquals(0.95, marketplaceHostOnly);
        assertTrue(marketplaceHostAndHtml > marketplaceHostOnly);
    }

    @Test
    void plainPagesAndWeakHintsNameNothing() {
        assertEquals(Detection.NONE, PlatformDetector.detect(PLAIN, "https://neutral.example/p", Map.of(), List.of()));
        assertEquals(Detection.NONE, PlatformDetector.detect(TestPages.read("pages/none.html"), null, null, null));
        // A blog that merely mentions a platform, or one affiliate image, is not that platform.
        String blog = "<html><body><p>We moved from prestashop to shopware last year.</p>"
                + "<img src=\"https://m.media-amazon.com/images/I/x.jpg\"></body></html>";
        assertNull(PlatformDetector.detect(blog, "https://blog.example/post", Map.of(), List.of()).platform());
        assertEquals(Detection.NONE, PlatformDetector.detect("", "not a url", null, null));
        // Look-alike hosts are not the marketplace.
        assertNull(PlatformDetector.detect(PLAIN, "https://amazon.com.evil.example/dp/1", null, null).platform());
        assertNull(PlatformDetector.detect(PLAIN, "https://notetsy.com/listing/1", null, null).platform());
    }

    @Test
    void headersAndCookiesAloneCanDecide() {
        Detection d = PlatformDetector.detect(PLAIN, "https://neutral.example/p",
                Map.of("SERVER", List.of("Demandware eCommerce Server")), List.of("dwsid=1"));
        assertEquals("salesforce_commerce_cloud", d.platform());
        assertTrue(d.indicators().contains("server header mentions demandware"));
        assertTrue(d.indicators().contains("dwsid cookie set"));
    }

    @Test
    void cookieNamesFromAnyShape() {
        assertEquals(List.of("a", "b"), PlatformDetector.cookieNames(List.of("a=1; b=2")));
        assertEquals(List.of("_shopify_y"), PlatformDetector.cookieNames(List.of("_shopify_y=x; Path=/; HttpOnly; SameSite=Lax")));
        assertEquals(List.of("OCSESSID"), PlatformDetector.cookieNames(List.of("OCSESSID")));
    }
}
