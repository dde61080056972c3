package dev.gleaner.scraper.extract;

import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.Price;
import dev.gleaner.scraper.price.PriceHints;
import dev.gleaner.scraper.price.PriceParser;
import org.jsoup.nodes.Element;

/**
 * OpenCart's default theme prints the price with no class at all: {@code <ul
 * class="list-unstyled"><li><h2>1.249,90TL</h2></li>} in the product column, after a list item
 * holding the struck old price. The first such heading that reads as a price is the price.
 */
final class OpenCartExtractor {
    static final String SOURCE = "opencart";

    private OpenCartExtractor() {}

    static Step extract(Page page, PriceHints hints) {
        Fields f = new Fields();
        for (Element h2 : page.document().select("ul.list-unstyled > li > h2")) {
            if (PriceText.struck(h2)) {
                continue;
            }
            String text = h2.text();
            if (text.length() > 40) {
                continue;
            }
            Price p = PriceParser.parse(text, hints);
            if (p.isPresent() && p.currency() != null) {
                f.price = p.amount();
                f.currency = p.currency();
                break;
            }
        }
        return f.isEmpty() ? Step.empty(SOURCE) : new Step(SOURCE, f, null, null);
    }
}
