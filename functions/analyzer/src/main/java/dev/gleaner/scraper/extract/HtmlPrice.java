package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.Price;
import dev.gleaner.scraper.price.PriceHints;
import dev.gleaner.scraper.price.PriceParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The price shown for the main product, for pages whose structured data states none: every
 * element that may show a price (a stray {@code itemprop="price"}, a class or id saying "price",
 * a {@code data-price}, a short text with a currency sign, or a bare number beside one) is a
 * candidate, scored by what the page says about it:
 * <ul>
 *   <li>a currency stated +4; {@code itemprop="price"} +3; a class saying sale/current/final +3;</li>
 *   <li>struck through, or a class saying old/was/regular −6; an "old price" label beside it
 *       ("was", "UVP", "原價", "정가", "通常価格"...) −6; a "current price" label ("Sale", "特價",
 *       "판매가"...) +2; a unit, instalment, shipping, saving or conversion beside it ("/kg", "per
 *       month", "運費", "you save", "1點=1元"...) −4;</li>
 *   <li>in a card of a list of other products: set aside; otherwise up to +3 for closeness to the
 *       product's title ({@link ProductArea}), and a little less the later it comes in the page.</li>
 * </ul>
 * The best candidate scoring above {@value #MIN_SCORE} is the price; none otherwise (a product
 * page without a price of its own gives no price rather than a neighbour's). The candidates go to
 * {@code raw_data.price_candidates}.
 */
final class HtmlPrice {
    static final String SOURCE = "html";
    private static final int MIN_SCORE = -3;
    private static final int MAX_CANDIDATES = 400;
    private static final int MAX_REPORTED = 5;
    private static final int MAX_TEXT = 80;
    private static final Pattern OLD_CLASS = Pattern.compile("old|was|compare|regular|strike|original|list|before|rrp|msrp|crossed|del");
    private static final Pattern NEW_CLASS = Pattern.compile("sale|current|final|now|special|deal|our|actual|offer");
    /** Labels of a former or reference price. Latin words are matched as whole words. */
    private static final List<String> OLD_WORDS = List.of("was", "before", "instead of", "statt", "uvp", "rrp", "msrp",
            "list price", "regular price", "original price", "reg.", "compare at", "prix de référence", "prix barré",
            "ancien prix", "prix conseillé", "precio anterior", "precio recomendado", "antes", "prezzo di listino",
            "prezzo consigliato", "bisher", "vorher", "normalpreis", "preisempfehlung",
            "ord. pris", "ordinarie", "obvyklá cena", "běžná cena", "cena katalogowa", "poprzednia cena",
            "обычная цена", "старая цена", "原價", "原价", "定價", "定价", "市價", "市价", "建議售價", "建议售价", "정가",
            "소비자가", "시중가", "通常価格", "参考価格", "希望小売価格", "メーカー希望");
    private static final List<String> CURRENT_WORDS = List.of("sale", "now", "special price", "our price", "deal price",
            "特價", "特价", "售價", "售价", "優惠價", "优惠价", "直購價", "最低價", "最低价", "판매가", "할인가", "혜택가", "販売価格",
            "特価", "セール価格", "angebot", "aktionspreis", "prix promo", "oferta");
    private static final List<String> ASIDE_WORDS = List.of("/kg", "/ kg", "per kg", "/100g", "/100 g", "/100ml",
            "/ 100", "/l", "/m²", "/m2", "per month", "/mo", "/month", "monthly", "a month", "per mese", "par mois",
            "al mes", "monatlich", "mtl.", "每月", "/月", "月々", "개월", "installment", "instalment", "rata", "raty",
            "shipping", "delivery", "postage", "versand", "livraison", "envío", "spedizione", "運費", "运费", "送料", "배송비",
            "you save", "save ", "sparen", "économisez", "ahorra", "risparmi", "節省", "省下", "할인금액", "off", "=");

    private HtmlPrice() {}

    private record Candidate(Element element, String text, Price price, int score, List<String> reasons) {}

    static Step extract(Page page, PriceHints hints, ProductArea area) {
        PriceHints h = hints;
        for (Element el : page.itemProps()) {
            if ("pricecurrency".equalsIgnoreCase(el.attr("itemprop"))) {
                String currency = el.hasAttr("content") ? el.attr("content") : el.text();
                h = hints.withPriceCurrency(currency.trim());
                break;
            }
        }
        Map<Element, Boolean> seen = new IdentityHashMap<>();
        List<Element> elements = new ArrayList<>();
        for (Element el : page.itemProps()) {
            String prop = el.attr("itemprop").trim().toLowerCase(Locale.ROOT);
            if ((prop.equals("price") || prop.equals("lowprice")) && seen.put(el, true) == null) {
                elements.add(el);
            }
        }
        for (List<Element> list : List.of(page.priceElements(), page.moneyTexts())) {
            for (Element el : list) {
                if (elements.size() < MAX_CANDIDATES && seen.put(el, true) == null) {
                    elements.add(el);
                }
            }
        }
        sortInPageOrder(elements); // earlier is likelier the product's
        List<Candidate> candidates = new ArrayList<>();
        int index = 0;
        for (Element el : elements) {
            Candidate c = candidate(el, index, h, area);
            if (c != null) {
                candidates.add(c);
                index++;
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::score).reversed());
        Fields f = new Fields();
        ArrayNode raw = Json.MAPPER.createArrayNode();
        for (int i = 0; i < candidates.size() && i < MAX_REPORTED; i++) {
            Candidate c = candidates.get(i);
            ObjectNode o = raw.addObject();
            o.put("text", c.text());
            o.put("amount", c.price().amount());
            o.put("currency", c.price().currency());
            o.put("score", c.score());
            ArrayNode reasons = o.putArray("reasons");
            c.reasons().forEach(reasons::add);
        }
        if (!candidates.isEmpty() && candidates.get(0).score() > MIN_SCORE) {
            f.price = candidates.get(0).price().amount();
            f.currency = candidates.get(0).price().currency();
        }
        return new Step(SOURCE, f, raw.isEmpty() ? null : "price_candidates", raw.isEmpty() ? null : raw);
    }

    /** Sorts elements into page order: by their paths of sibling indexes from the root. */
    private static void sortInPageOrder(List<Element> elements) {
        Map<Element, int[]> paths = new IdentityHashMap<>();
        for (Element el : elements) {
            List<Integer> path = new ArrayList<>();
            for (Element e = el; e != null; e = e.parent()) {
                path.add(e.elementSiblingIndex());
            }
            int[] p = new int[path.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = path.get(p.length - 1 - i);
            }
            paths.put(el, p);
        }
        elements.sort((a, b) -> Arrays.compare(paths.get(a), paths.get(b)));
    }

    private static Candidate candidate(Element el, int index, PriceHints hints, ProductArea area) {
        if (PriceText.struck(el)) {
            return null; // a "was" price
        }
        String text = el.hasAttr("content") && el.hasAttr("itemprop") ? el.attr("content") : PriceText.of(el);
        if (text.isBlank() && el.hasAttr("data-price")) {
            text = el.attr("data-price");
        }
        Element shown = el;
        if (!text.isBlank() && !hasDigit(text)) {
            // "<span>2320</span><span>元</span>": the sign beside a bare number.
            Element number = bareNumberBeside(el);
            if (number == null) {
                return null;
            }
            shown = number;
            text = Text.clean(number.text()) + " " + text;
        }
        text = Text.clean(text);
        if (text == null || text.length() > MAX_TEXT) {
            return null; // a container of many prices, not a price
        }
        Price p = PriceParser.parse(text, hints);
        if (!p.isPresent() || p.amount().signum() <= 0) {
            return null;
        }
        if (area != null && area.inListing(shown)) {
            return null; // another product's
        }
        List<String> reasons = new ArrayList<>();
        int score = 0;
        if (p.currency() != null) {
            score += 4;
            reasons.add("currency +4");
        }
        String key = (el.className() + " " + el.id()).toLowerCase(Locale.ROOT);
        if (el.hasAttr("itemprop")) {
            score += 3;
            reasons.add("itemprop=price +3");
        } else if (Page.namesPrice(el)) {
            score += 2;
            reasons.add("price class +2");
        }
        if (NEW_CLASS.matcher(key).find()) {
            score += 3;
            reasons.add("current-price class +3");
        }
        if (OLD_CLASS.matcher(key).find() || insideStrikethrough(el)) {
            score -= 6;
            reasons.add("old-price class -6");
        }
        // The label in the candidate's own text decides; else the one just before it.
        String own = text.toLowerCase(Locale.ROOT);
        String before = labelBefore(shown).toLowerCase(Locale.ROOT);
        String context = own + " " + before;
        boolean ownOld = containsAny(own, OLD_WORDS);
        boolean ownCurrent = containsAny(own, CURRENT_WORDS);
        if (ownOld && !ownCurrent || !ownOld && !ownCurrent && containsAny(before, OLD_WORDS)) {
            score -= 6;
            reasons.add("old-price label -6");
        } else if (ownCurrent || containsAny(before, CURRENT_WORDS)) {
            score += 2;
            reasons.add("current-price label +2");
        }
        if (containsAny(context, ASIDE_WORDS)) {
            score -= 4;
            reasons.add("unit, instalment, shipping or saving -4");
        }
        if (area != null && area.title() != null) {
            int near = (int) Math.round(3 * area.closeness(shown));
            if (near > 0) {
                score += near;
                reasons.add("near the title +" + near);
            }
        }
        int late = index / 20;
        if (late > 0) {
            score -= late;
            reasons.add("late in the page -" + late);
        }
        return new Candidate(shown, text, p, score, reasons);
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The element just before or after {@code el} whose whole text is a number, or null. */
    private static Element bareNumberBeside(Element el) {
        for (Element e : new Element[] {el.previousElementSibling(), el.nextElementSibling()}) {
            if (e != null) {
                String t = Text.clean(e.text());
                if (t != null && t.length() <= 20 && t.chars().allMatch(c -> Character.isDigit(c) || c == ',' || c == '.' || c == ' ')) {
                    return e;
                }
            }
        }
        return null;
    }

    /** The short texts just before the candidate (for a first child, before its parent): its label, if any. */
    private static String labelBefore(Element el) {
        Element at = el.previousSibling() == null && el.parent() != null ? el.parent() : el;
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (Node s = at.previousSibling(); s != null && n < 2; s = s.previousSibling()) {
            String t = s instanceof TextNode tn ? tn.text() : s instanceof Element e ? e.text() : "";
            if (!t.isBlank()) {
                if (t.length() > 40 || Page.hasCurrencySign(t)) {
                    break; // prose, or another price with its own label
                }
                b.append(' ').append(t);
                n++;
            }
        }
        return b.toString();
    }

    private static boolean containsAny(String text, List<String> words) {
        for (String w : words) {
            for (int i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
                int end = i + w.length();
                boolean latin = w.charAt(0) < 0x250;
                if (!latin || (i == 0 || !Character.isLetter(text.charAt(i - 1)))
                        && (end >= text.length() || !Character.isLetter(text.charAt(end)) || !Character.isLetter(w.charAt(w.length() - 1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean insideStrikethrough(Element el) {
        Element e = el;
        for (int i = 0; i < 3 && e != null; i++, e = e.parent()) {
            String tag = e.normalName();
            if (tag.equals("del") || tag.equals("s") || tag.equals("strike")) {
                return true;
            }
        }
        return false;
    }
}
