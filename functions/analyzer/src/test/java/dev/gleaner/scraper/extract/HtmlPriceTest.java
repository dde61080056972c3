package dev.gleaner.scraper.extract;

import static dev.gleaner.scraper.extract.ProductAssertions.assertPrice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.scraper.page.Page;
import org.junit.jupiter.api.Test;

/** Without structured data, the price shown for the main product, not a neighbour's. */
class HtmlPriceTest {
    private static ProductInfo extract(String html, String url) {
        return new ProductExtractor().extract(Page.parse(html, url), null);
    }

    private static String recommendations(String price) {
        StringBuilder b = new StringBuilder("<div id=widget><div class=bar>");
        for (int i = 0; i < 4; i++) {
            b.append("<div class=item onclick=\"go('/p").append(i).append("')\"><div class=pic style=\"background-image: url('/i")
                    .append(i).append(".jpg')\"></div><div class=name>Other ").append(i)
                    .append("</div><div class=sale_price>").append(price).append("</div></div>");
        }
        return b.append("</div></div>").toString();
    }

    @Test
    void theLowestPriceLabelledBesideTheTitleNotARecommendedProductsSalePrice() {
        ProductInfo p = extract("<div class=body><ul class=t1><li class=li1><div class=prd_right><div class=title>Jerky (10 packs)"
                + "</div><div>原價：1,390</div><div>折扣：7.2折起</div><div class=pdeal>最低價$<span>99</span>元起/包</div></div></li></ul>"
                + "<div class=main>" + recommendations("$129") + "</div></div>", "https://shop.example.tw/favorable_1409.html");
        assertPrice("99", p);
        assertEquals("TWD", p.currency());
        assertEquals("html", p.rawData().path("sources").path("price").asText());
        assertTrue(p.rawData().path("price_candidates").get(0).path("reasons").toString().contains("current-price label"));
    }

    @Test
    void aBareNumberBesideItsCurrencySignWithTheSpecialPriceLabelBeforeIt() {
        ProductInfo p = extract("<table><tr><td><h1>Carrying sink</h1></td></tr><tr><td><strong>一次付清特價</strong><b> 72 折</b>"
                + " <span style='font:bold 27px Verdana'>2320</span><span class=t13> 元 </span><span>(1點=1元)</span>"
                + "</td></tr></table>", "https://shop.example.com.tw/M14876706.htm");
        assertPrice("2320", p);
    }

    @Test
    void noPriceRatherThanOneFromACarouselOfOtherProducts() {
        ProductInfo p = extract("<div id=centerCol><h1 id=title>Potato chips</h1><div id=availability>Currently unavailable.</div>"
                + "</div><div id=subswidget class=a-carousel-container><ol class=a-carousel><li class=a-carousel-card>"
                + "<a href=/dp/B1><img src=/c.jpg>Chips, 12 pack</a><span class=a-price><span class=a-offscreen>$29.99</span>"
                + "</span></li></ol></div>", "https://shop.example.com/dp/B07FW264WL");
        assertNull(p.price(), "candidates " + p.rawData().path("price_candidates"));
    }

    @Test
    void formerPricesInstalmentsAndShippingGiveWayToThePrice() {
        ProductInfo p = extract("<h1>Dog seat</h1><div class=box><p>Payez en 4 fois, 4 x 16,69 € par mois</p>"
                + "<p><span>Prix conseillé :</span> <span>79,90 €</span></p><p>Livraison 4,99 €</p>"
                + "<p class=price-now>66,75 €</p></div>", "https://shop.example.fr/p");
        assertPrice("66.75", p);
        ProductInfo was = extract("<h1>Kettle</h1><div><span>Was</span> <span>£59.00</span> <span class=now>£45.00</span></div>",
                "https://shop.example.co.uk/p");
        assertPrice("45", was);
    }

    @Test
    void aPriceClassInTheShopsLanguageCounts() {
        ProductInfo ch = extract("<h1>Käse</h1><div class=preis><span class=preis-betrag>Fr. 49.–</span></div>"
                + "<div class=teaser><p class=teaser-price>CHF 12.90</p></div>", "https://shop.example.ch/p");
        assertPrice("49", ch);
    }
}
