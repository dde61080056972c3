package dev.gleaner.scraper.extract;

import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.Price;
import dev.gleaner.scraper.price.PriceHints;
import dev.gleaner.scraper.price.PriceParser;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Coupang's product page (no structured data): the header's title and brand link, the sale
 * price ({@code .prod-sale-price .total-price}, not the struck original price nor the coupon
 * price), the star bar's width and the review count, and whether it is sold out (the page's
 * {@code exports.sdp.isSoldOut}, or an out-of-stock label).
 */
final class CoupangExtractor {
    static final String SOURCE = "coupang";
    private static final Pattern SOLD_OUT = Pattern.compile("\"isSoldOut\"\\s*:\\s*(true|false)");
    private static final Pattern WIDTH = Pattern.compile("width\\s*:\\s*(\\d{1,3}(?:\\.\\d+)?)%");
    private static final String QUERY = "h2.prod-buy-header__title, a.prod-brand-name, .prod-sale-price .total-price, "
            + ".prod-buy-header__productreview .rating-star-num, .prod-buy-header__productreview .count, .oos-label";

    private CoupangExtractor() {}

    static Step extract(Page page, PriceHints hints) {
        Fields f = new Fields();
        Elements found = page.document().select(QUERY);
        for (Element el : found) {
            String cls = el.className();
            if (el.normalName().equals("h2") && f.title == null) {
                f.title = Text.clean(el.text());
            } else if (cls.contains("prod-brand-name") && f.brand == null) {
                String b = el.attr("data-brand-name");
                f.brand = Text.clean(b.isBlank() ? el.text() : b);
            } else if (cls.contains("total-price") && f.price == null) {
                Price p = PriceParser.parse(el.text(), hints.withCurrencyHint("KRW"));
                if (p.isPresent()) {
                    f.price = p.amount();
                    f.currency = p.currency();
                }
            } else if (cls.contains("rating-star-num") && f.rating == null) {
                Matcher m = WIDTH.matcher(el.attr("style"));
                if (m.find()) {
                    f.rating = Ratings.toFive(Double.parseDouble(m.group(1)), 100.0);
                }
            } else if (cls.contains("count") && f.reviewCount == null) {
                f.reviewCount = Ratings.countFromText(el.text());
            } else if (cls.contains("oos-label")) {
                f.availability = Availability.normalise(el.text());
            }
        }
        if (f.availability == null) {
            for (Element script : page.inlineScripts()) {
                String js = script.data();
                if (js.contains("isSoldOut")) {
                    Matcher m = SOLD_OUT.matcher(js);
                    if (m.find()) {
                        f.availability = m.group(1).equals("true") ? Availability.SOLD_OUT : Availability.IN_STOCK;
                    }
                    break;
                }
            }
        }
        return f.isEmpty() ? Step.empty(SOURCE) : new Step(SOURCE, f, null, null);
    }
}
