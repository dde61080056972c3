package dev.gleaner.scraper.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** The small pieces the cascade's fallbacks are built from. */
class ExtractionHelpersTest {
    @Test
    void ratingsGoOnAFivePointScale() {
        assertEquals(4.35, Ratings.toFive(87.0, 100.0));
        assertEquals(4.6, Ratings.toFive(9.2, 10.0));
        assertEquals(4.5, Ratings.toFive(4.5, 5.0));
        assertEquals(4.5, Ratings.toFive(4.5, null));
        assertEquals(4.35, Ratings.toFive(87.0, null), "without bestRating, a value above 10 is a percentage");
        assertEquals(4.6, Ratings.toFive(9.2, null), "and a value above 5 up to 10 is out of ten");
        assertNull(Ratings.toFive(-1.0, null));
        assertNull(Ratings.toFive(250.0, null));
        assertNull(Ratings.toFive(7.0, 5.0), "above the stated best");
    }

    @Test
    void ratingsAndCountsAreReadFromWidgetTextInSeveralLanguages() {
        assertEquals(4.67, Ratings.fromText("Rated 4.67 out of 5 based on 3 customer ratings"));
        assertEquals(4.7, Ratings.fromText("4,7 von 5 Sternen"));
        assertEquals(4.3, Ratings.fromText("5つ星のうち4.3"));
        assertEquals(4.8, Ratings.fromText("4.8 star rating"));
        assertEquals(4.5, Ratings.fromText("4.5/5"));
        assertEquals(4.0, Ratings.fromText("8 of 10"));
        assertNull(Ratings.fromText("Add your review"));
        assertEquals(3, Ratings.countFromText("Rated 4.67 out of 5 based on 3 customer ratings"));
        assertEquals(12847, Ratings.countFromText("12,847 ratings"));
        assertEquals(2345, Ratings.countFromText("2.345 Sternebewertungen"));
        assertEquals(1024, Ratings.countFromText("1,024個の評価"));
        assertEquals(52341, Ratings.countFromText("52,341개 상품평"));
        assertEquals(57, Ratings.countFromText("57 Bewertungen"));
        assertEquals(8, Ratings.countFromText("(8 reviews)"));
        assertNull(Ratings.countFromText("Write a review"));
    }

    @Test
    void aPhotoInSeveralSizesHasOneKey() {
        List<List<String>> same = List.of(
                List.of("https://shop.example/cdn/shop/files/tr2-black-1.jpg?v=1&width=1946",
                        "https://shop.example/cdn/shop/files/tr2-black-1_1024x1024@2x.jpg?v=1",
                        "https://shop.example/cdn/shop/files/tr2-black-1_{width}x.jpg?v=1"),
                List.of("https://shop.example/wp-content/uploads/2024/09/dripper-1.jpg",
                        "https://shop.example/wp-content/uploads/2024/09/dripper-1-600x600.jpg"),
                List.of("https://m.media-amazon.com/images/I/61Pj1ku6ZML._AC_SL1500_.jpg",
                        "https://m.media-amazon.com/images/I/61Pj1ku6ZML._AC_SX679_.jpg"),
                List.of("https://shop.example/118-large_default/soap.jpg", "https://shop.example/118-home_default/soap.jpg"),
                List.of("https://shop.example/media/catalog/product/cache/0f831c1845fc143d00d6d1ebc49f446a/m/j/jacket.jpg",
                        "https://shop.example/media/catalog/product/cache/926507dc7f93631a094422215b778fe0/m/j/jacket.jpg"),
                List.of("https://cdn11.bigcommerce.com/s-1/images/stencil/1280x1280/products/212/921/kit__4821.jpg?c=1",
                        "https://cdn11.bigcommerce.com/s-1/images/stencil/500x659/products/212/921/kit__4821.jpg?c=1"),
                List.of("https://i.etsystatic.com/1/r/il/3a/51/il_fullxfull.5123456789_ab12.jpg",
                        "https://i.etsystatic.com/1/r/il/3a/51/il_794xN.5123456789_ab12.jpg"));
        for (List<String> urls : same) {
            for (String u : urls) {
                assertEquals(GalleryImages.key(urls.get(0)), GalleryImages.key(u), u);
            }
        }
        // Different photos that share a file name stay apart.
        assertNotEquals(GalleryImages.key("https://i.ebayimg.com/images/g/Ab0AAOSw/s-l1600.jpg"),
                GalleryImages.key("https://i.ebayimg.com/images/g/Cd1AAOSw/s-l1600.jpg"));
        assertNotEquals(GalleryImages.key("https://static.wixstatic.com/media/a_1~mv2.jpg/v1/fit/w_1000,h_1000,q_90/file.jpg"),
                GalleryImages.key("https://static.wixstatic.com/media/a_2~mv2.jpg/v1/fit/w_1000,h_1000,q_90/file.jpg"));
        assertNotEquals(GalleryImages.key("https://shop.example/119-large_default/soap.jpg"),
                GalleryImages.key("https://shop.example/118-large_default/soap.jpg"));
    }

    @Test
    void theLargerSetOfPhotosWinsAndTiesKeepWhatStructuredDataSaid() {
        List<String> structured = List.of("https://a.example/p/1.jpg");
        List<String> gallery = List.of("https://a.example/p/1.jpg", "https://a.example/p/2.jpg");
        assertEquals(gallery, GalleryImages.choose(structured, gallery));
        assertEquals(gallery, GalleryImages.choose(gallery, List.of("https://a.example/p/3.jpg", "https://a.example/p/4.jpg")));
        assertEquals(List.of("https://a.example/118-large_default/s.jpg"), GalleryImages.choose(
                List.of("https://a.example/118-large_default/s.jpg", "https://a.example/118-home_default/s.jpg"), List.of()));
    }

    @Test
    void siteNamesAreTakenOffTitles() {
        assertEquals("Bougie Figue 180 g", Titles.withoutSiteName("Bougie Figue 180 g - Maison Lumière", "Maison Lumière", null));
        assertEquals("Oak Board", Titles.withoutSiteName("Oak Board | Hearth Co.", "Hearth Co.", null));
        assertEquals("Oak Board", Titles.withoutSiteName("Hearth Co. | Oak Board", "Hearth Co.", null));
        assertEquals("도마 대형", Titles.withoutSiteName("도마 대형 : 숲속공방", "숲속공방", null));
        assertEquals("Oak Board", Titles.withoutSiteName("Oak Board – Shop of Things", null, "Oak Board"));
        assertEquals("Salt - and Pepper", Titles.withoutSiteName("Salt - and Pepper", null, null), "nothing to go by");
        assertEquals("Hearth Co.", Titles.withoutSiteName("Hearth Co.", "Hearth Co.", null), "the title is the site name");
        assertEquals("Pot & Pan Set", Titles.withoutSiteName("Pot & Pan Set", "Pan", null), "no separator before it");
    }

    @Test
    void aPriceContainerIsReadWithoutItsStruckOldPriceOrScreenReaderCopies() {
        var el = Jsoup.parse("<p class=price><del><span>29,90&nbsp;€</span></del> <span class=screen-reader-text>"
                + "Le prix initial était : 29,90 €.</span><ins><span>24,90&nbsp;€</span></ins></p>").selectFirst("p");
        assertEquals("24,90 €", Text.clean(PriceText.of(el)));
        var struck = Jsoup.parse("<ul><li><span style='text-decoration: line-through;'>1.499,90TL</span></li></ul>")
                .selectFirst("span");
        assertEquals(true, PriceText.struck(struck));
    }
}
