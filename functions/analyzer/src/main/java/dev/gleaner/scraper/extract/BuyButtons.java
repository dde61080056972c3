package dev.gleaner.scraper.extract;

import dev.gleaner.scraper.page.Page;
import java.util.Locale;
import org.jsoup.nodes.Element;

/**
 * Availability read from the product's purchase controls, for pages that state it nowhere else
 * (many Korean and small shops): a visible "Sold out" / "품절" control means sold out; an enabled
 * "Add to cart" / "장바구니" / "カートに入れる" control means in stock. Only the first control that
 * says either counts: the product's own controls come before those of related products.
 */
final class BuyButtons {
    static final String SOURCE = "buy-button";
    private static final String[] SOLD_OUT = {"sold out", "soldout", "out of stock", "품절", "売り切れ", "在庫切れ",
        "ausverkauft", "épuisé", "agotado", "esaurito", "wyprzedane", "tükendi", "slutsåld", "uitverkocht"};
    private static final String[] BUY = {"add to cart", "add to bag", "add to basket", "buy now", "buy it now",
        "장바구니", "바로구매", "바로 구매", "구매하기", "カートに入れる", "カートに追加", "今すぐ購入", "in den warenkorb",
        "in den einkaufswagen", "ajouter au panier", "añadir al carrito", "aggiungi al carrello", "dodaj do koszyka",
        "sepete ekle", "lägg i varukorgen", "in winkelwagen", "köp", "kaufen", "comprar", "acheter", "加入购物车"};

    private BuyButtons() {}

    static Step extract(Page page) {
        for (Element el : page.purchaseControls()) {
            if (hidden(el)) {
                continue;
            }
            String label = label(el);
            if (label.isEmpty() || label.length() > 80) {
                continue;
            }
            if (containsAny(label, SOLD_OUT)) {
                return step(Availability.SOLD_OUT);
            }
            if (containsAny(label, BUY)) {
                if (disabled(el)) {
                    continue; // often only waiting for a size or colour to be chosen
                }
                return step(Availability.IN_STOCK);
            }
        }
        return Step.empty(SOURCE);
    }

    private static Step step(String availability) {
        Fields f = new Fields();
        f.availability = availability;
        return new Step(SOURCE, f, null, null);
    }

    private static String label(Element el) {
        StringBuilder b = new StringBuilder(el.text());
        if (el.normalName().equals("input")) {
            b.append(' ').append(el.attr("value"));
        }
        b.append(' ').append(el.attr("aria-label")).append(' ').append(el.attr("title"));
        for (Element img : el.getElementsByTag("img")) {
            b.append(' ').append(img.attr("alt"));
        }
        return b.toString().trim().toLowerCase(Locale.ROOT);
    }

    private static boolean containsAny(String text, String[] phrases) {
        for (String p : phrases) {
            if (text.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean disabled(Element el) {
        return el.hasAttr("disabled") || "true".equals(el.attr("aria-disabled"))
                || el.className().toLowerCase(Locale.ROOT).contains("disabled");
    }

    /** Hidden by the usual utility classes or an inline display:none, on itself or a close ancestor. */
    private static boolean hidden(Element el) {
        if ("true".equals(el.attr("aria-hidden"))) {
            return true; // a badge kept for screen readers to ignore, shown or not by CSS
        }
        Element e = el;
        for (int i = 0; i < 3 && e != null; i++, e = e.parent()) {
            String cls = e.className().toLowerCase(Locale.ROOT);
            if (cls.contains("displaynone") || cls.contains("d-none") || cls.contains("hidden") && !cls.contains("hidden-")
                    || e.attr("style").replace(" ", "").contains("display:none")) {
                return true;
            }
        }
        return false;
    }
}
