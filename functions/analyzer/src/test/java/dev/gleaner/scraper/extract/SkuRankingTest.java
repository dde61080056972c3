package dev.gleaner.scraper.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.scraper.page.Page;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SKU is chosen among every identifier the page states, for reasons raw_data spells out. */
class SkuRankingTest {
    private static ProductInfo extract(String html, String url) {
        return new ProductExtractor().extract(Page.parse(html, url), null);
    }

    private static String jsonLd(String product) {
        return "<script type=application/ld+json>{\"@context\":\"https://schema.org\",\"@type\":\"Product\"," + product
                + "}</script>";
    }

    /** The SKU chosen and the cascade step raw_data says it came from. */
    private static void assertSku(String sku, String source, ProductInfo p) {
        assertEquals(sku, p.sku());
        assertEquals(source, p.rawData().path("sources").path("sku").asText());
    }

    private static JsonNode candidate(ProductInfo p, String value) {
        for (JsonNode c : p.rawData().path("sku_candidates")) {
            if (c.path("value").asText().equals(value)) {
                return c;
            }
        }
        throw new AssertionError("no candidate " + value + " in " + p.rawData().path("sku_candidates"));
    }

    @Test
    void aSchemaSkuCopiedFromTheMpnAndNotShownLosesToTheReferenceThePageShows() {
        ProductInfo p = extract(jsonLd("\"name\":\"Flat boots\",\"sku\":\"84518927-040-35\",\"mpn\":\"84518927-040-35\","
                + "\"offers\":{\"price\":\"69.95\",\"priceCurrency\":\"EUR\"}")
                + "<h1>Flat boots</h1><p><span>Black</span> - <span data-qa-qualifier=product-reference>1002/710</span></p>",
                "https://shop.example/flat-boots-p11002710.html");
        assertSku("1002/710", "markup", p);
        JsonNode schema = candidate(p, "84518927-040-35");
        assertTrue(schema.path("reasons").toString().contains("also stated as the MPN"), schema.toString());
        assertTrue(schema.path("reasons").toString().contains("not shown on the page"), schema.toString());
        assertTrue(candidate(p, "1002/710").path("reasons").toString().contains("in the page URL"));
    }

    static Stream<Arguments> rankedSkus() {
        return Stream.of(
                Arguments.of("a labelled code beats a schema SKU the page never shows",
                        jsonLd("\"name\":\"Whiskey 0.7l\",\"sku\":\"DWFWKMMBM\"")
                                + "<h1>Whiskey 0.7l</h1><span class=product-code-display>Cod produs: 5099873388655</span>",
                        "https://shop.example.ro/whiskey-0-7l/pd/", "5099873388655", "labels"),
                Arguments.of("a schema SKU the page shows stays ahead of a model number",
                        jsonLd("\"name\":\"Drill\",\"sku\":\"DR-2041\",\"mpn\":\"GSB 18V-55\"")
                                + "<h1>Drill</h1><p>Item DR-2041</p><table><tr><th>Model</th><td>GSB 18V-55</td></tr></table>",
                        "https://shop.example/drill", "DR-2041", "json-ld"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rankedSkus")
    void theSkuRankedFirstAndWhereItCameFrom(String why, String html, String url, String sku, String source) {
        assertSku(sku, source, extract(html, url));
    }

    @Test
    void aCodeThatIsPartOfTheProductsNameIsNotItsSku() {
        ProductInfo p = extract(jsonLd("\"name\":\"Desktop i7 16GB OPTIPLEX 9010 TOWER\",\"sku\":\"OPTIPLEX 9010 TOWER\","
                + "\"mpn\":\"144432\"") + "<h1>Desktop i7 16GB OPTIPLEX 9010 TOWER</h1>"
                + "<div class=product-id>קוד מוצר: <span itemprop=mpn>144432</span></div>", "https://shop.example.il/Prod/144432/");
        assertEquals("144432", p.sku());
        assertTrue(candidate(p, "OPTIPLEX 9010 TOWER").path("reasons").toString().contains("part of the product name"));
    }

    @Test
    void identifiersInAListOfOtherProductsAreSetAside() {
        StringBuilder related = new StringBuilder("<ul class=related>");
        for (int i = 1; i <= 4; i++) {
            related.append("<li class=card><a href=/p").append(i).append("><img src=/i").append(i)
                    .append(".jpg>Other ").append(i).append("</a><span>SKU: R-10").append(i).append("</span></li>");
        }
        ProductInfo p = extract("<div class=main><h1>Teapot</h1><p>Lovely teapot.</p></div>" + related + "</ul>",
                "https://shop.example/teapot");
        assertNull(p.sku());
        assertEquals("in a list of other products", candidate(p, "R-101").path("dropped").asText());
    }

    @Test
    void oneLabelWithManyValuesListsTheSetsPartsNotTheProduct() {
        ProductInfo p = extract(jsonLd("\"name\":\"Sofa module\",\"sku\":\"992.775.08\"")
                + "<h1>Sofa module</h1><div class=summary>Article no. 992.775.08</div><h2>Packaging</h2>"
                + "<div>Backrest <span>Article no. 903.294.89</span></div><div>Seat <span>Article no. 303.294.73</span></div>"
                + "<div>Cover <span>Article no. 603.294.81</span></div>", "https://shop.example/sofa-module-99277508/");
        assertEquals("992.775.08", p.sku());
        assertTrue(candidate(p, "903.294.89").path("reasons").toString().contains("values under the same label"));
    }

    @Test
    void aLoneLabelledEanIsNotEnoughButOneTheDataConfirmsIs() {
        assertNull(extract("<h1>iMac</h1><p>EAN: 190198419941</p>", "https://shop.example.sk/imac").sku());
        ProductInfo confirmed = extract(jsonLd("\"name\":\"iMac\",\"gtin13\":\"0190198419941\"")
                + "<h1>iMac</h1><p>EAN: 0190198419941</p>", "https://shop.example.sk/imac");
        assertEquals("0190198419941", confirmed.sku());
    }

    @Test
    void labelsInManyLanguagesAndBrackets() {
        assertEquals("M14876706", extract("<h1>Sink</h1><table><tr><td>〈商品編號：M14876706〉</td></tr></table>",
                "https://shop.example.tw/p").sku());
        assertEquals("0638", extract("<h1>Lenses</h1><ul><li>Proizvajalec: B&amp;S</li><li>Šifra: 0638</li></ul>",
                "https://shop.example.si/p").sku());
        assertEquals("293565036718", extract("<h1>Piles</h1><div><div class=lbl>Numéro de l’objet eBay&nbsp;:</div>"
                + "<div>293565036718</div></div>", "https://shop.example.fr/itm/1").sku());
        assertEquals("7235216655", extract("<h1>Washing machine</h1><p class=postinginfo>post id: 7235216655</p>",
                "https://city.example.org/app/d/washer/7235216655.html").sku());
        assertEquals("3454863898", extract("<h1>딜</h1><span class=deal_tag_num>딜번호 : 3454863898</span>",
                "https://shop.example.kr/deal/3454863898").sku());
    }

    @Test
    void optionsOfAVariantPickerAreNotIdentifiers() {
        ProductInfo p = extract("<h1>Hoodie</h1><select id=msku-sel-1><option id=msku-opt-0>7-8</option>"
                + "<option id=msku-opt-1>9-11</option></select>", "https://shop.example/hoodie");
        assertNull(p.sku());
    }

    @Test
    void aDataAttributeBesideTheTitleNamesTheProductWhenNothingElseDoes() {
        ProductInfo p = extract("<header><nav><a href=/>Home</a><a href=/deals>Deals</a><a href=/food>Food</a></nav></header>"
                + "<main><div class=prodInfo><h1>Pizza voucher</h1><a class=share data-pid=260591 href=#>Share</a></div>"
                + "<p>Valid in every branch.</p></main><footer><p><a href=/a>About</a> <a href=/c>Contact</a></p></footer>",
                "https://deals.example.tw/store/1?pid=260591");
        assertEquals("260591", p.sku());
        assertEquals("data_attribute", candidate(p, "260591").path("kind").asText());
    }

    @Test
    void aDataAttributeOnAWidgetFarFromTheTitleIsNotEnough() {
        StringBuilder page = new StringBuilder("<header><nav><a href=/>Home</a><a href=/deals>Deals</a></nav></header>"
                + "<main><div class=product><h1>Beef jerky</h1><p>$99</p></div></main><div id=tracker data-pid=14090>");
        for (int i = 0; i < 6; i++) {
            page.append("<div class=row><span>Jerky ").append(i).append("</span><b>$129</b></div>");
        }
        ProductInfo p = extract(page + "</div>", "https://shop.example.tw/favorable_14090.html");
        assertNull(p.sku());
        assertTrue(candidate(p, "14090").path("reasons").toString().contains("hidden and far from the title"));
    }

    @Test
    void everyCandidateIsReportedWithItsScoreAndReasons() {
        ProductInfo p = extract(jsonLd("\"name\":\"Mug\",\"sku\":\"MUG-1\",\"gtin13\":\"4006381333931\"")
                + "<h1>Mug</h1><p>SKU: MUG-1</p>", "https://shop.example/mug");
        assertEquals("MUG-1", p.sku());
        JsonNode first = p.rawData().path("sku_candidates").get(0);
        assertEquals("MUG-1", first.path("value").asText());
        assertTrue(first.path("score").asInt() >= SkuRanking.MIN_SCORE);
        assertTrue(first.path("reasons").size() >= 2, first.toString());
        assertEquals("gtin", candidate(p, "4006381333931").path("kind").asText());
    }
}
