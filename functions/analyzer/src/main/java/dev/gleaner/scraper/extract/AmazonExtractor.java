package dev.gleaner.scraper.extract;

import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.Price;
import dev.gleaner.scraper.price.PriceHints;
import dev.gleaner.scraper.price.PriceParser;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Amazon's detail page, in any of its stores: {@code #productTitle}, the price to pay in
 * {@code #corePriceDisplay_desktop_feature_div} (not the struck list price), {@code #availability},
 * the brand from the byline in the store's language ("Visit the Anker Store", "Besuche den
 * Bosch-Store", "ブランド: サーモス"), the ASIN, and the rating summary ({@code #acrPopover},
 * {@code #acrCustomerReviewText}). Its photos come from {@link GalleryImages}.
 */
final class AmazonExtractor {
    static final String SOURCE = "amazon";
    private static final Pattern[] BYLINE = {
        Pattern.compile("^visit the (.+?) store$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^besuche den (.+?)[- ]store$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^visitez la boutique (.+)$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^visita la tienda de (.+)$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^visita lo store di (.+)$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(?:brand|marke|marque|marca|merk|ブランド)\\s*[:：]\\s*(.+)$", Pattern.CASE_INSENSITIVE),
        Pattern.compile("^(.+?)のストアを表示$"),
    };
    private static final Pattern ASIN = Pattern.compile("[A-Z0-9]{10}");

    private AmazonExtractor() {}

    static Step extract(Page page, PriceHints hints) {
        Fields f = new Fields();
        Element title = page.byId("productTitle");
        if (title != null) {
            f.title = Text.clean(title.text());
        }
        for (String id : new String[] {"corePriceDisplay_desktop_feature_div", "corePrice_feature_div"}) {
            Element box = page.byId(id);
            if (box == null || f.price != null) {
                continue;
            }
            for (Element price : box.getElementsByClass("a-price")) {
                if (price.hasAttr("data-a-strike") || PriceText.struck(price)) {
                    continue;
                }
                Element offscreen = price.getElementsByClass("a-offscreen").first();
                Price p = PriceParser.parse(offscreen != null ? offscreen.text() : price.text(), hints);
                if (p.isPresent()) {
                    f.price = p.amount();
                    f.currency = p.currency();
                    break;
                }
            }
        }
        Element availability = page.byId("availability");
        if (availability != null) {
            f.availability = Availability.normalise(Text.clean(availability.text()));
        }
        Element byline = page.byId("bylineInfo");
        if (byline != null) {
            f.brand = brand(Text.clean(byline.text()));
        }
        Element asin = page.byId("ASIN");
        if (asin != null && ASIN.matcher(asin.attr("value").trim()).matches()) {
            f.sku(SkuCandidate.Kind.PLATFORM, asin.attr("value").trim(), "ASIN");
        }
        Element popover = page.byId("acrPopover");
        if (popover != null) {
            f.rating = Ratings.fromText(popover.attr("title"));
            if (f.rating == null) {
                f.rating = Ratings.fromText(popover.text());
            }
        }
        Element count = page.byId("acrCustomerReviewText");
        if (count != null) {
            f.reviewCount = Ratings.countFromText(count.text());
        }
        return f.isEmpty() ? Step.empty(SOURCE) : new Step(SOURCE, f, null, null);
    }

    static String brand(String byline) {
        if (byline == null) {
            return null;
        }
        for (Pattern p : BYLINE) {
            Matcher m = p.matcher(byline);
            if (m.matches()) {
                String b = Text.clean(m.group(1));
                return b == null || b.length() > 80 ? null : b;
            }
        }
        return byline.length() <= 60 && !byline.contains(" ") ? byline : null;
    }
}
