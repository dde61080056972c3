package dev.gleaner.scraper.extract;

import dev.gleaner.scraper.page.Page;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Values a page states next to a label, in the languages of the shops we meet: "SKU:
 * AB-12", "Art.-Nr. 40817", "〈商品編號：M14876706〉", {@code <th>상품코드</th><td>P0000BCD</td>},
 * {@code <dt>브랜드</dt><dd>…}}, "Marque" / "Marka:", "Stok Durumu: Stokta var", "在庫状況: 在庫あり".
 * The value follows the label in the same text, or is the next element (climbing at most three
 * levels, so a label in a {@code th} finds its {@code td}).
 *
 * <p>Identifiers are sorted by what their label calls them: the shop's item number
 * ({@link SkuCandidate.Kind#LABELLED}: "SKU", "Item #", "Product code", "Réf.", "Šifra", "品番"...),
 * an ID ("Item ID", "post id", "딜번호"), a GTIN ("EAN", "UPC", "ISBN", "JAN"), a manufacturer's number
 * ("MPN", "Part number", "Model", "型番"). Every one found is kept (up to {@value #MAX_IDS}), with
 * its element, for {@link SkuRanking}. For brand and availability the first in page order wins.
 */
final class LabelledValues {
    static final String SOURCE = "labels";
    private static final int MAX_IDS = 16;

    private static final List<String> ITEM_NUMBER_LABELS = List.of("sku", "sku number", "sku no.", "item number",
            "item no.", "item no", "item #", "item code", "product code", "product number", "product no.", "product #",
            "product ref", "product reference", "article number", "article no.", "art.", "art. no.", "art.-nr.", "art.-nr",
            "art.nr.", "art. nr.", "artikel-nr.", "artikel-nr", "artikelnr.", "artikelnr", "artikelnummer",
            "produktnummer", "bestellnummer", "best.-nr.", "référence", "reference", "réf.", "ref.", "réf", "ref",
            "code article", "code produit", "ugs", "referencia", "código", "código de producto", "código del producto",
            "cód.", "codice articolo", "codice prodotto", "cod. art.", "kod produktu", "kod towaru", "indeks",
            "nr katalogowy", "ürün kodu", "stok kodu", "varenummer", "varenr.", "varenr", "tuotenumero", "tuotekoodi",
            "cikkszám", "termékkód", "cod produs", "šifra", "šifra artikla", "šifra proizvoda", "katalogové číslo",
            "kód produktu", "kód tovaru", "артикул", "код товара", "код продукта", "상품코드", "상품 코드", "상품번호",
            "상품 번호", "제품번호", "품번", "商品番号", "商品コード", "品番", "商品編號", "商品编号", "商品編号", "貨號", "货号",
            "asin", "ebay item number", "ebay-artikelnr.", "ebay-artikelnummer", "numéro d'article",
            "numéro de l'objet", "numéro de l'objet ebay", "numero oggetto ebay", "número de artículo", "קוד מוצר",
            "מק\"ט", "style no.", "style #", "style number", "catalog number", "catalogue number", "cat. no.");
    private static final List<String> ID_LABELS = List.of("item id", "product id", "listing id", "ad id", "post id",
            "offer id", "deal number", "deal no.", "딜번호", "딜 번호", "商品id", "id produktu", "numer oferty", "nr oferty",
            "anzeigen-id", "anzeigennummer", "n° d'annonce", "annonce n°");
    private static final List<String> GTIN_LABELS = List.of("ean", "ean13", "ean-13", "ean code", "ean-code", "code ean",
            "kod ean", "gtin", "gtin13", "gtin-13", "upc", "isbn", "isbn-13", "isbn-10", "isbn13", "barcode", "bar code",
            "jan", "jan code", "janコード", "바코드", "条码", "條碼", "código de barras", "code-barres");
    private static final List<String> MPN_LABELS = List.of("mpn", "part number", "part no.", "part #",
            "manufacturer part number", "mfr part number", "mfr. part no.", "mfg part number", "model", "model number",
            "model no.", "model #", "modèle", "modell", "modelo", "modello", "herstellernummer", "hersteller-nr.",
            "herstellerartikelnummer", "hersteller-artikelnummer", "référence fabricant", "모델명", "모델번호", "型番",
            "型號", "型号", "דגם");

    /** What a label names. */
    private enum Label { ITEM_NUMBER, ID, GTIN, MPN, BRAND, AVAILABILITY }

    private static final Map<String, Label> LABELS = new HashMap<>();

    static {
        ITEM_NUMBER_LABELS.forEach(l -> LABELS.put(key(l), Label.ITEM_NUMBER));
        ID_LABELS.forEach(l -> LABELS.put(key(l), Label.ID));
        GTIN_LABELS.forEach(l -> LABELS.put(key(l), Label.GTIN));
        MPN_LABELS.forEach(l -> LABELS.put(key(l), Label.MPN));
        List.of("brand", "brand name", "marke", "marque", "marca", "marka", "merk", "märke", "proizvajalec",
                "proizvođač", "výrobca", "výrobce", "производитель", "бренд", "브랜드", "ブランド", "品牌")
                .forEach(l -> LABELS.put(key(l), Label.BRAND));
        List.of("availability", "verfügbarkeit", "disponibilité", "disponibilidad", "disponibilità", "dostępność",
                "stok durumu", "stock status", "lagerstatus", "재고", "재고 상태", "在庫", "在庫状況", "razpoložljivost",
                "dostupnost", "dostupnosť", "наличие").forEach(l -> LABELS.put(key(l), Label.AVAILABILITY));
    }

    /** A code without digits still looks like one: upper case with separators ("BW-LMP-OAT"). */
    private static final Pattern CODE = Pattern.compile("[A-Z]{2,}(?:[-_./][A-Z0-9]+)+");
    private static final Pattern CODE_VALUE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._/ -]{0,62}");
    private static final int MAX_LABEL_WORDS = 4;

    private LabelledValues() {}

    /** How labels are looked up: lower case, without spaces (so "상품 번호" is "상품번호"). */
    private static String key(String label) {
        StringBuilder b = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!Character.isWhitespace(c) && c != '\u00a0') {
                b.append(c == '\u2019' ? '\'' : Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /** A label and the value written after it in the same text (null when the value is elsewhere). */
    private record Labelled(Label label, String name, String inlineValue) {}

    /**
     * Reads "Label: value", "Label # value", "Label value" and a bare "Label": the label is
     * looked up (not matched by pattern), so a text costs a few map lookups.
     */
    private static Labelled parse(String text) {
        int from = 0;
        int n = text.length();
        while (from < n && isOpening(text.charAt(from))) {
            from++;
        }
        int to = n;
        while (to > from && isClosing(text.charAt(to - 1))) {
            to--;
        }
        if (from >= to) {
            return null;
        }
        String t = text.substring(from, to);
        int colon = indexOfAny(t, ':', '\uff1a');
        if (colon > 0 && colon <= 40) {
            return lookup(t.substring(0, colon), t.substring(colon + 1));
        }
        int hash = t.indexOf('#');
        if (hash > 0 && hash <= 40) {
            Labelled l = lookup(t.substring(0, hash + 1), t.substring(hash + 1));
            if (l != null) {
                return l;
            }
        }
        Labelled whole = lookup(t, "");
        if (whole != null) {
            return whole;
        }
        int words = 0;
        for (int i = 0; i < t.length() && words < MAX_LABEL_WORDS; i++) {
            if (t.charAt(i) == ' ') {
                words++;
                Labelled l = lookup(t.substring(0, i), t.substring(i + 1));
                if (l != null) {
                    return l;
                }
            }
        }
        return null;
    }

    private static Labelled lookup(String name, String rest) {
        Label label = LABELS.get(key(name));
        return label == null ? null : new Labelled(label, name.trim(), Text.clean(rest));
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isOpening(char c) {
        int type = Character.getType(c);
        return type == Character.START_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION
                || Character.isWhitespace(c);
    }

    private static boolean isClosing(char c) {
        int type = Character.getType(c);
        return type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || Character.isWhitespace(c);
    }

    static Step extract(Page page) {
        Fields f = new Fields();
        for (TextNode t : page.labelTexts()) {
            String text = Text.clean(t.getWholeText());
            Labelled l = text == null ? null : parse(text);
            if (l == null) {
                continue;
            }
            switch (l.label()) {
                case BRAND -> {
                    String v = value(l, t);
                    if (f.brand == null && v != null && v.length() <= 60 && !v.endsWith(":")) {
                        f.brand = v;
                    }
                }
                case AVAILABILITY -> {
                    String v = value(l, t);
                    if (f.availability == null && v != null) {
                        f.availability = Availability.normalise(v.length() > 120 ? v.substring(0, 120) : v);
                    }
                }
                default -> {
                    String v = value(l, t);
                    if (v != null && looksLikeCode(v) && f.skus.size() < MAX_IDS) {
                        f.sku(kind(l.label()), v, "label \"" + l.name() + "\"", (Element) t.parent());
                    }
                }
            }
        }
        return f.isEmpty() ? Step.empty(SOURCE) : new Step(SOURCE, f, null, null);
    }

    private static SkuCandidate.Kind kind(Label label) {
        return switch (label) {
            case ITEM_NUMBER -> SkuCandidate.Kind.LABELLED;
            case ID -> SkuCandidate.Kind.PRODUCT_ID;
            case GTIN -> SkuCandidate.Kind.GTIN;
            default -> SkuCandidate.Kind.MPN;
        };
    }

    /**
     * The code in a text that may start with its label ("Art. 1049084", "SKU: AB-12", "Cod produs:
     * 50998"): what follows a known item-number or ID label, else the text itself; null when that is
     * not a code.
     */
    static String codeIn(String text) {
        Labelled l = parse(text);
        String v = l != null && (l.label() == Label.ITEM_NUMBER || l.label() == Label.ID) && l.inlineValue() != null
                ? l.inlineValue() : text;
        int colon = Math.max(v.lastIndexOf(':'), v.lastIndexOf('\uff1a'));
        if (colon >= 0) {
            v = Text.clean(v.substring(colon + 1)); // an unknown label: what follows its colon
        }
        return v != null && looksLikeCode(v) ? v : null;
    }

    /** An identifier, not a sentence: a short code with a digit (or upper-case parts), at most two spaces. */
    static boolean looksLikeCode(String v) {
        return CODE_VALUE.matcher(v).matches() && v.chars().filter(c -> c == ' ').count() <= 2
                && (v.chars().anyMatch(Character::isDigit) || CODE.matcher(v).matches());
    }

    /** The value written after the label, or the text of what follows it. */
    private static String value(Labelled l, TextNode t) {
        return l.inlineValue() != null ? l.inlineValue() : following(t);
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
