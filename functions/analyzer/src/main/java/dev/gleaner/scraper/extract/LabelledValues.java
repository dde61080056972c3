package dev.gleaner.scraper.extract;

import dev.gleaner.scraper.page.Page;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Values a page states next to a label, in the languages of the shops we meet: "SKU:
 * AB-12", "Art.-Nr. 40817", {@code <th>상품코드</th><td>P0000BCD</td>}, {@code <dt>브랜드</dt><dd>…}},
 * "Marque" / "Marka:", "Stok Durumu: Stokta var", "在庫状況: 在庫あり". The value follows the label
 * in the same text, or is the next element (climbing at most three levels, so a label in a
 * {@code th} finds its {@code td}). The first of each kind in page order wins.
 */
final class LabelledValues {
    static final String SOURCE = "labels";
    private static final String SEPARATOR = "\\s*(?:[:：#]\\s*|\\s+(?=\\S)|$)";
    private static final Pattern SKU = Pattern.compile("^(?:sku|sku number|item number|item no\\.?|item #|product code|"
            + "product number|product no\\.?|article number|art\\.?-?\\s?nr\\.?|artikel-?nr\\.?|artikelnummer|produktnummer|"
            + "bestellnummer|référence|reference|réf\\.|ugs|referencia|código|codice articolo|kod produktu|indeks|"
            + "ürün kodu|stok kodu|varenummer|artikelnr\\.?|상품\\s?코드|상품\\s?번호|품번|商品番号|商品コード|品番|asin|"
            + "ebay item number|ebay-artikelnr\\.?|numéro d'article)" + SEPARATOR + "(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern BRAND = Pattern.compile("^(?:brand|brand name|marke|marque|marca|marka|merk|märke|"
            + "브랜드|ブランド|品牌)" + SEPARATOR + "(.*)$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern AVAILABILITY = Pattern.compile("^(?:availability|verfügbarkeit|disponibilité|"
            + "disponibilidad|disponibilità|dostępność|stok durumu|stock status|lagerstatus|재고|재고\\s?상태|在庫|在庫状況)"
            + SEPARATOR + "(.*)$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A code without digits still looks like one: upper case with separators ("BW-LMP-OAT"). */
    private static final Pattern CODE = Pattern.compile("[A-Z]{2,}(?:[-_./][A-Z0-9]+)+");
    private static final Pattern SKU_VALUE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._/ -]{0,62}");

    private LabelledValues() {}

    static Step extract(Page page) {
        Fields f = new Fields();
        for (TextNode t : page.labelTexts()) {
            if (f.sku != null && f.brand != null && f.availability != null) {
                break;
            }
            String text = Text.clean(t.getWholeText());
            if (text == null) {
                continue;
            }
            if (f.sku == null) {
                String v = value(SKU, text, t);
                if (v != null && SKU_VALUE.matcher(v).matches() && v.chars().filter(c -> c == ' ').count() <= 2
                        && (v.chars().anyMatch(Character::isDigit) || CODE.matcher(v).matches())) {
                    f.sku = v;
                    continue;
                }
            }
            if (f.brand == null) {
                String v = value(BRAND, text, t);
                if (v != null && v.length() <= 60 && !v.endsWith(":")) {
                    f.brand = v;
                    continue;
                }
            }
            if (f.availability == null) {
                String v = value(AVAILABILITY, text, t);
                if (v != null) {
                    f.availability = Availability.normalise(v.length() > 120 ? v.substring(0, 120) : v);
                }
            }
        }
        return f.isEmpty() ? Step.empty(SOURCE) : new Step(SOURCE, f, null, null);
    }

    /** The value for a label the text starts with, or null. */
    private static String value(Pattern label, String text, TextNode t) {
        Matcher m = label.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String inline = Text.clean(m.group(1));
        if (inline != null) {
            return inline;
        }
        return following(t);
    }

    /** The text of what follows the label: its next sibling, or the next sibling of an ancestor. */
    private static String following(TextNode t) {
        Node n = t;
        for (int level = 0; level < 4 && n != null; level++, n = n.parent()) {
            for (Node s = n.nextSibling(); s != null; s = s.nextSibling()) {
                String v = s instanceof TextNode tn ? Text.clean(tn.getWholeText())
                        : s instanceof Element e ? Text.clean(e.text()) : null;
                if (v != null) {
                    return v.length() > 200 ? null : stripLeadingSeparator(v);
                }
            }
            if (n instanceof Element e && isBlockBoundary(e)) {
                break;
            }
        }
        return null;
    }

    private static String stripLeadingSeparator(String v) {
        String s = v.startsWith(":") || v.startsWith("：") ? v.substring(1).trim() : v;
        return s.isEmpty() ? null : s;
    }

    private static boolean isBlockBoundary(Element e) {
        String tag = e.normalName().toLowerCase(Locale.ROOT);
        return tag.equals("tr") || tag.equals("li") || tag.equals("table") || tag.equals("ul") || tag.equals("form");
    }
}
