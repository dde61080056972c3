package dev.gleaner.scraper.extract;

import dev.gleaner.scraper.page.Page;
import java.util.Locale;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * Identifiers the markup names without a visible label: an element whose class, id or data
 * attribute says it holds the product's code ({@code <span class="sku">AB-12</span>},
 * {@code <span data-qa-qualifier="product-reference">1002/710</span>},
 * {@code <div class="product-code">Cod produs: 5099873388655</div>}: its text, after any
 * "label:" part), and data attributes that hold one ({@code data-sku}, {@code data-product-code},
 * {@code data-product-id}, {@code data-pid}...). Each keeps its element, so that
 * {@link SkuRanking} can tell the product's own from a related product's.
 */
final class IdentifierMarkup {
    static final String SOURCE = "markup";
    private static final int MAX_IDS = 24;
    private static final int MAX_TEXT = 60;

    private IdentifierMarkup() {}

    static Step extract(Page page) {
        Fields f = new Fields();
        for (Element el : page.identifierElements()) {
            if (f.skus.size() >= MAX_IDS) {
                break;
            }
            for (Attribute a : el.attributes()) {
                String key = a.getKey();
                if (Page.IDENTIFIER_DATA_ATTRIBUTES.contains(key)) {
                    String v = Text.clean(a.getValue());
                    if (v != null && LabelledValues.looksLikeCode(v)) {
                        f.sku(SkuCandidate.Kind.DATA_ATTRIBUTE, v, key, el);
                    }
                }
            }
            String mark = marking(el);
            if (mark != null) {
                String v = ownValue(el);
                if (v != null) {
                    f.sku(SkuCandidate.Kind.MARKED, v, mark, el);
                }
            }
        }
        return f.isEmpty() ? Step.empty(SOURCE) : new Step(SOURCE, f, null, null);
    }

    /** What names the element an identifier ({@code class="product-sku"}...), or null. */
    private static String marking(Element el) {
        String cls = el.className();
        if (!cls.isEmpty() && Page.isIdentifierWord(cls.toLowerCase(Locale.ROOT))) {
            return "class=\"" + shorten(cls) + "\"";
        }
        String id = el.id();
        if (!id.isEmpty() && Page.isIdentifierWord(id.toLowerCase(Locale.ROOT))) {
            return "id=\"" + shorten(id) + "\"";
        }
        for (Attribute a : el.attributes()) {
            String key = a.getKey();
            String value = a.getValue();
            if (key.startsWith("data-") && !Page.IDENTIFIER_DATA_ATTRIBUTES.contains(key) && value.length() <= 40
                    && Page.isIdentifierWord(value.toLowerCase(Locale.ROOT))) {
                return key + "=\"" + value + "\"";
            }
        }
        return null;
    }

    /** The element's text when it is a code, after a "label:" part; null for containers and prose. */
    private static String ownValue(Element el) {
        if (el.childrenSize() > 6) {
            return null; // a container (a variant picker, a details table), not a value
        }
        String text = Text.clean(el.text());
        return text == null || text.length() > MAX_TEXT ? null : LabelledValues.codeIn(text);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
