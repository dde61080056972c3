package dev.gleaner.scraper.page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * A parsed page plus everything detection and extraction look at, gathered in one walk over the
 * DOM (so neither has to run its own selectors over a large page).
 */
public final class Page {
    private static final int MAX_ITEMPROPS = 2000;
    private static final int MAX_PRICE_ELEMENTS = 300;
    private static final int MAX_STOCK_ELEMENTS = 100;
    private static final int MAX_IMAGE_ELEMENTS = 100;
    private static final int MAX_GALLERY_ELEMENTS = 200;
    private static final int MAX_RATING_ELEMENTS = 60;
    private static final int MAX_LABEL_TEXTS = 400;
    private static final int MAX_PURCHASE_CONTROLS = 60;
    private static final int MAX_IDENTIFIER_ELEMENTS = 100;
    private static final int MAX_MONEY_TEXTS = 300;
    private static final Set<String> INTERESTING_IDS = Set.of(
            "bylineInfo", "availability", "productTitle", "landingImage", "priceblock_ourprice",
            "priceblock_dealprice", "corePrice_feature_div", "corePriceDisplay_desktop_feature_div", "imgBlkFront",
            "ASIN", "acrPopover", "acrCustomerReviewText");
    /** Attributes galleries put a product photo's full-size URL in, and the elements that carry them. */
    public static final List<String> GALLERY_ATTRIBUTES = List.of("data-zoom-image", "data-large_image",
            "data-full-image", "data-image-large-src", "data-zoom-src", "data-src-zoom-image", "data-img-original",
            "data-img-large", "data-original-src", "data-image-gallery-zoom-image-url", "data-old-hires");
    private static final String[] IMG_GALLERY_ATTRIBUTES = {"data-zoom-image", "data-large_image", "data-full-image",
        "data-image-large-src", "data-zoom-src", "data-src-zoom-image", "data-original-src", "data-old-hires"};
    private static final String[] BOX_GALLERY_ATTRIBUTES = {"data-zoom-image", "data-img-original", "data-img-large"};
    private static final String[] LINK_GALLERY_ATTRIBUTES = {"data-image-gallery-zoom-image-url", "data-zoom-image"};
    /** Class names of gallery images on platforms whose galleries carry no telling attribute. */
    private static final Set<String> GALLERY_CLASSES = Set.of("BigImage", "ThumbImage", "product__media-item",
            "product-gallery-slides-item-image", "prod-image__item", "slider_goods_nav", "thumb-list");
    /** Non-English words shops use in price and stock class names ("preis", "rea-pris", "lieferbar"...). */
    private static final List<String> PRICE_WORDS = List.of("preis", "prix", "precio", "prezzo", "pris", "prijs", "cena",
            "fiyat");
    private static final List<String> STOCK_WORDS = List.of("lieferbar", "lager", "verfuegbar", "verfuegbarkeit",
            "disponibilite", "disponibilidad", "voorraad");
    private static final Set<String> LABEL_PARENTS = Set.of("th", "dt", "label", "strong", "b");
    /** Data attributes that hold a product's identifier ({@code data-sku="AB-12"}, {@code data-product-id="4410"}). */
    public static final Set<String> IDENTIFIER_DATA_ATTRIBUTES = Set.of("data-sku", "data-product-sku",
            "data-productsku", "data-sku-id", "data-product-code", "data-productcode", "data-product-id",
            "data-productid", "data-product_id", "data-pid", "data-item-id", "data-itemid", "data-article-number",
            "data-articlenumber");
    /**
     * Tags never holding a product's identifier, skipped before their attributes are read: images,
     * icons (SVG shapes carry many attributes), head elements, scripts, and a picker's options.
     */
    private static final Set<String> NO_IDENTIFIER_TAGS = Set.of("option", "img", "source", "picture", "svg", "path",
            "g", "use", "symbol", "circle", "rect", "polygon", "polyline", "line", "ellipse", "defs", "stop",
            "lineargradient", "radialgradient", "clippath", "mask", "link", "meta", "script", "style", "iframe",
            "noscript", "br", "hr");
    /** Words in class names, ids and data attribute values that mark an element as holding the product's code. */
    private static final List<String> IDENTIFIER_WORDS = List.of("sku", "productsku", "itemsku", "product-code", "productcode", "product_code",
            "product-ref", "productref", "product_ref", "ref-number", "refnumber", "ref_number", "item-number", "itemnumber", "item_number", "article-number",
            "articlenumber", "artikelnummer", "product-id", "productid", "product_id", "item-code", "itemcode");

    private final String html;
    private final String url;
    private final Document document;
    private final List<Element> metas = new ArrayList<>();
    private final List<String> scriptSources = new ArrayList<>();
    private final List<Element> jsonLdScripts = new ArrayList<>();
    private final List<Element> inlineScripts = new ArrayList<>();
    private final List<Element> productJsonScripts = new ArrayList<>();
    private final List<Element> itemScopes = new ArrayList<>();
    private final List<Element> itemProps = new ArrayList<>();
    private final List<Element> headings = new ArrayList<>();
    private final List<Element> priceElements = new ArrayList<>();
    private final List<Element> stockElements = new ArrayList<>();
    private final List<Element> imageElements = new ArrayList<>();
    private final List<Element> links = new ArrayList<>();
    private final List<Element> galleryElements = new ArrayList<>();
    private final List<Element> ratingElements = new ArrayList<>();
    private final List<TextNode> labelTexts = new ArrayList<>();
    private final List<Element> purchaseControls = new ArrayList<>();
    private final List<Element> identifierElements = new ArrayList<>();
    private final List<Element> moneyTexts = new ArrayList<>();
    private final Map<String, Element> byId = new HashMap<>();
    private final Set<String> classTokens = new HashSet<>();

    private Page(String html, String url, Document document) {
        this.html = html;
        this.url = url;
        this.document = document;
        NodeTraversor.traverse(new Indexer(), document);
    }

    /** Parses {@code html} (relative links resolve against {@code url}, which may be null). */
    public static Page parse(String html, String url) {
        String text = html == null ? "" : html;
        Document doc = Jsoup.parse(text, url == null ? "" : url);
        return new Page(text, url, doc);
    }

    /** Indexes an already parsed document. */
    public static Page of(Document document, String html, String url) {
        return new Page(html == null ? document.outerHtml() : html, url, document);
    }

    private final class Indexer implements NodeVisitor {
        @Override
        public void head(Node node, int depth) {
            if (!(node instanceof Element el)) {
                if (node instanceof TextNode t) {
                    if (labelTexts.size() < MAX_LABEL_TEXTS) {
                        labelText(t);
                    }
                    if (moneyTexts.size() < MAX_MONEY_TEXTS) {
                        moneyText(t);
                    }
                }
                return;
            }
            String tag = el.normalName();
            switch (tag) {
                case "meta" -> metas.add(el);
                case "script" -> script(el);
                case "a" -> {
                    if (galleryElements.size() < MAX_GALLERY_ELEMENTS && looksLikeImageUrl(el.attr("href"))) {
                        galleryElements.add(el);
                    }
                    String onclick = el.attr("onclick");
                    if (!onclick.isEmpty() && (onclick.contains("submit") || onclick.contains("cart")
                            || onclick.contains("basket"))) {
                        purchaseControl(el);
                    }
                }
                case "button" -> purchaseControl(el);
                case "input" -> {
                    String type = el.attr("type").toLowerCase(Locale.ROOT);
                    if (type.equals("submit") || type.equals("button") || type.equals("image")) {
                        purchaseControl(el);
                    }
                }
                case "h1" -> {
                    if (headings.size() < 5) {
                        headings.add(el);
                    }
                }
                case "link" -> links.add(el);
                case "img" -> {
                    if (imageElements.size() < MAX_IMAGE_ELEMENTS && (el.hasAttr("data-zoom-image")
                            || el.hasAttr("data-large_image") || el.hasAttr("data-old-hires") || el.hasAttr("data-a-dynamic-image"))) {
                        imageElements.add(el);
                    }
                }
                default -> { }
            }
            if (el.attributesSize() == 0) {
                return;
            }
            if (el.hasAttr("itemscope")) {
                itemScopes.add(el);
            }
            if (el.hasAttr("itemprop") && itemProps.size() < MAX_ITEMPROPS) {
                itemProps.add(el);
            }
            String id = el.id();
            if (!id.isEmpty() && INTERESTING_IDS.contains(id)) {
                byId.putIfAbsent(id, el);
            }
            // Asked only of the tags that carry them: most elements are neither.
            String[] galleryAttributes = switch (tag) {
                case "img" -> IMG_GALLERY_ATTRIBUTES;
                case "span", "figure" -> BOX_GALLERY_ATTRIBUTES;
                case "a" -> LINK_GALLERY_ATTRIBUTES;
                default -> null;
            };
            if (galleryAttributes != null && galleryElements.size() < MAX_GALLERY_ELEMENTS
                    && (galleryElements.isEmpty() || galleryElements.get(galleryElements.size() - 1) != el)) {
                for (String a : galleryAttributes) {
                    if (el.hasAttr(a)) {
                        galleryElements.add(el);
                        break;
                    }
                }
            }
            String cls = el.className();
            // Pages repeat the same class attribute on many elements: read each distinct one once.
            int flags = 0;
            if (!cls.isEmpty()) {
                Integer cached = classFlags.get(cls);
                if (cached == null) {
                    cached = flagsOf(cls.toLowerCase(Locale.ROOT)) | (addClassTokens(cls) ? GALLERY_CLASS : 0);
                    classFlags.put(cls, cached);
                }
                flags = cached;
            }
            if (!id.isEmpty()) {
                flags |= flagsOf(id.toLowerCase(Locale.ROOT)) & ~GALLERY_CLASS;
            }
            if ((flags & GALLERY_CLASS) != 0 && galleryElements.size() < MAX_GALLERY_ELEMENTS
                    && (galleryElements.isEmpty() || galleryElements.get(galleryElements.size() - 1) != el)) {
                galleryElements.add(el);
            }
            if (tag.equals("div") && el.hasAttr("data-average-rating") && ratingElements.size() < MAX_RATING_ELEMENTS) {
                ratingElements.add(el);
            }
            int data = NO_IDENTIFIER_TAGS.contains(tag) ? 0 : dataFlags(el);
            if ((flags & PRICE) != 0 || (data & PRICE) != 0) {
                if (priceElements.size() < MAX_PRICE_ELEMENTS) {
                    priceElements.add(el);
                }
            }
            if ((flags & STOCK) != 0 && stockElements.size() < MAX_STOCK_ELEMENTS) {
                stockElements.add(el);
            }
            if ((flags & PURCHASE) != 0 && !"body".equals(tag)) {
                purchaseControl(el);
            }
            if ((flags & RATING) != 0 && ratingElements.size() < MAX_RATING_ELEMENTS
                    && (ratingElements.isEmpty() || ratingElements.get(ratingElements.size() - 1) != el)) {
                ratingElements.add(el);
            }
            if ((flags & WOO_GALLERY) != 0 && imageElements.size() < MAX_IMAGE_ELEMENTS) {
                imageElements.add(el);
            }
            if (identifierElements.size() < MAX_IDENTIFIER_ELEMENTS && !NO_IDENTIFIER_TAGS.contains(tag)
                    && ((flags & IDENTIFIER) != 0 || (data & IDENTIFIER) != 0)) {
                identifierElements.add(el);
            }
        }

        /**
         * What the element's data attributes say: {@link #IDENTIFIER} for one holding an identifier
         * or whose value names the element as one ({@code data-qa="product-reference"}), {@link #PRICE}
         * for {@code data-price} or a value naming a price ({@code data-aut-id="itemPrice"}).
         */
        private int dataFlags(Element el) {
            int plain = (el.hasAttr("class") ? 1 : 0) + (el.hasAttr("id") ? 1 : 0);
            if (el.attributesSize() <= plain) {
                return 0;
            }
            int f = 0;
            for (Attribute a : el.attributes()) {
                String key = a.getKey();
                if (key.length() > 5 && key.startsWith("data-")) {
                    if (IDENTIFIER_DATA_ATTRIBUTES.contains(key)) {
                        f |= IDENTIFIER;
                    } else if (key.equals("data-price")) {
                        f |= PRICE;
                    }
                    String value = a.getValue();
                    if (value.length() >= 3 && value.length() <= 40) {
                        String lower = value.toLowerCase(Locale.ROOT);
                        if (isIdentifierWord(lower)) {
                            f |= IDENTIFIER;
                        }
                        if (lower.contains("price")) {
                            f |= PRICE;
                        }
                    }
                }
            }
            return f;
        }

        private final Map<String, Integer> classFlags = new HashMap<>();

        private void script(Element el) {
            String src = el.attr("src");
            if (!src.isEmpty()) {
                scriptSources.add(src);
                return;
            }
            String type = el.attr("type").toLowerCase(Locale.ROOT);
            if (type.contains("ld+json")) {
                jsonLdScripts.add(el);
                return;
            }
            String id = el.id();
            if (id.startsWith("ProductJson") || id.startsWith("WH-ProductJson") || el.hasAttr("data-product-json")) {
                productJsonScripts.add(el);
                return;
            }
            inlineScripts.add(el);
        }

        private void purchaseControl(Element el) {
            if (purchaseControls.size() < MAX_PURCHASE_CONTROLS
                    && (purchaseControls.isEmpty() || purchaseControls.get(purchaseControls.size() - 1) != el)) {
                purchaseControls.add(el);
            }
        }

        /** A short text with a currency sign ("$", "€", "元", "원"...): its element may show a price. */
        private void moneyText(TextNode t) {
            String text = t.getWholeText();
            int n = text.length();
            if (n == 0 || n > 60 || !(hasCurrencySign(text) || n <= 40 && hasCurrencyWord(text))
                    || !(t.parentNode() instanceof Element p)) {
                return;
            }
            String tag = p.normalName();
            if (!tag.equals("script") && !tag.equals("style") && !tag.equals("title") && !tag.equals("option")
                    && (moneyTexts.isEmpty() || moneyTexts.get(moneyTexts.size() - 1) != p)) {
                moneyTexts.add(p);
            }
        }

        /** Adds the class tokens; true when one of them names a gallery image. */
        private boolean addClassTokens(String cls) {
            int n = cls.length();
            int start = -1;
            boolean gallery = false;
            for (int i = 0; i <= n; i++) {
                boolean ws = i == n || Character.isWhitespace(cls.charAt(i));
                if (ws) {
                    if (start >= 0) {
                        String token = cls.substring(start, i);
                        classTokens.add(token);
                        gallery |= GALLERY_CLASSES.contains(token);
                        start = -1;
                    }
                } else if (start < 0) {
                    start = i;
                }
            }
            return gallery;
        }

        /** "SKU: AB-1", "Marke" in a th/dt/label: candidates for {@code LabelledValues}. */
        private void labelText(TextNode t) {
            String text = t.getWholeText();
            int n = text.length();
            if (n < 2 || n > 80) {
                return;
            }
            Node parent = t.parentNode();
            if (parent instanceof Element p && (LABEL_PARENTS.contains(p.normalName()) || hasLabelMark(text)
                    || p.parent() != null && LABEL_PARENTS.contains(p.parent().normalName()))) {
                String tag = p.normalName();
                if (!tag.equals("script") && !tag.equals("style") && !tag.equals("title") && !tag.equals("option")) {
                    labelTexts.add(t);
                }
            }
        }
    }

    /** Whether the text holds a currency sign (not a code: those come with a price class, or in structured data). */
    public static boolean hasCurrencySign(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < '\u00a3' && c != '$') {
                continue; // most of any text: one comparison
            }
            if (c == '$' || c == '\u20ac' || c == '\u00a3' || c == '\u00a5' || c == '\uffe5' || c == '\uff04'
                    || c >= '\u20a0' && c <= '\u20c0' || c == '\uc6d0' || c == '\u5186' || c == '\u5143' || c == '\u0e3f'
                    || c == '\u09f3') {
                return true; // $ € £ ¥ ￥ ＄, the currency block (₩ ₹ ₽ ₫ ₺ ₴ ₱ ₪...), 원 円 元 ฿ ৳
            }
        }
        return false;
    }

    /** Currencies written with letters, looked for (as words) only in short texts that hold a digit. */
    private static final String[] CURRENCY_WORDS = {"Rs", "zł", "Kč", "kr", "Kr", "lei", "Lei", "Ft", "CHF", "EUR", "USD",
        "GBP", "RON", "PLN", "PKR", "INR", "CZK", "HUF", "SEK", "NOK", "DKK", "руб", "грн", "TL", "RM", "Rp", "R$", "лв"};

    /** Whether a short text holds a digit and a currency written in letters ("Rs 23,450", "49,99 zł"). */
    static boolean hasCurrencyWord(String text) {
        boolean digit = false;
        for (int i = 0, n = text.length(); i < n && !digit; i++) {
            digit = Character.isDigit(text.charAt(i));
        }
        if (!digit) {
            return false;
        }
        for (String w : CURRENCY_WORDS) {
            for (int i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
                int end = i + w.length();
                if ((i == 0 || !Character.isLetter(text.charAt(i - 1))) && (end == text.length() || !Character.isLetter(text.charAt(end)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A colon, '#', or "Nr." / "No.": what separates a label from its value. */
    private static boolean hasLabelMark(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == ':' || c == '#' || c == '\uff1a') {
                return true;
            }
            if ((c == 'N' || c == 'n') && i + 2 < n && (text.charAt(i + 1) == 'r' || text.charAt(i + 1) == 'o')
                    && text.charAt(i + 2) == '.') {
                return true;
            }
        }
        return false;
    }

    private static final int PRICE = 1;
    private static final int STOCK = 2;
    private static final int PURCHASE = 4;
    private static final int RATING = 8;
    private static final int WOO_GALLERY = 16;
    private static final int GALLERY_CLASS = 32;
    private static final int IDENTIFIER = 64;

    /** What a lower-cased class or id says about its element. */
    private static int flagsOf(String key) {
        int f = 0;
        if (isPriceKey(key)) {
            f |= PRICE;
        }
        if (key.contains("stock") || key.contains("availability") || hasWord(key, STOCK_WORDS)) {
            f |= STOCK;
        }
        if (key.contains("cart") || key.contains("buy") || key.contains("basket") || key.contains("soldout")
                || key.contains("sold-out") || key.contains("oos-")) {
            f |= PURCHASE;
        }
        if (key.contains("rating") || key.contains("review") || key.contains("yotpo-bottomline")) {
            f |= RATING;
        }
        if (key.contains("woocommerce-product-gallery__image")) {
            f |= WOO_GALLERY;
        }
        if (isIdentifierWord(key)) {
            f |= IDENTIFIER;
        }
        return f;
    }

    /** Whether a lower-cased class, id or attribute value names a product code ("product-sku", "product-reference"). */
    public static boolean isIdentifierWord(String key) {
        for (String w : IDENTIFIER_WORDS) {
            for (int i = key.indexOf(w); i >= 0; i = key.indexOf(w, i + 1)) {
                if (i == 0 || !isLetter(key.charAt(i - 1))) {
                    return true; // "product-sku", "sku_code"; not "msku-opt" or "kasku"
                }
            }
        }
        return false;
    }

    /** Whether a lower-cased class or id names a price: "price", or "preis", "prix", "precio"... as a word. */
    public static boolean isPriceKey(String key) {
        return key.contains("price") || hasWord(key, PRICE_WORDS);
    }

    /** Whether the element's class, id or data attributes name a price ({@code data-testid="price"}...). */
    public static boolean namesPrice(Element el) {
        if (isPriceKey((el.className() + " " + el.id()).toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (Attribute a : el.attributes()) {
            String key = a.getKey();
            if (key.startsWith("data-") && (key.equals("data-price") || a.getValue().length() <= 40
                    && a.getValue().toLowerCase(Locale.ROOT).contains("price"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of {@code words} stands in {@code key} as a whole word ("rea-pris", not "enterprise"). */
    private static boolean hasWord(String key, List<String> words) {
        for (String w : words) {
            for (int i = key.indexOf(w); i >= 0; i = key.indexOf(w, i + 1)) {
                int end = i + w.length();
                if ((i == 0 || !isLetter(key.charAt(i - 1))) && (end == key.length() || !isLetter(key.charAt(end)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** A link to an image file (a gallery's full-size photo), not to a page. */
    static boolean looksLikeImageUrl(String href) {
        int n = href.length();
        if (n < 5 || n > 2000) {
            return false;
        }
        int end = href.indexOf('?');
        if (end < 0) {
            end = href.indexOf('#');
        }
        if (end < 0) {
            end = n;
        }
        return endsWithIgnoreCase(href, end, ".jpg") || endsWithIgnoreCase(href, end, ".jpeg")
                || endsWithIgnoreCase(href, end, ".png") || endsWithIgnoreCase(href, end, ".webp")
                || endsWithIgnoreCase(href, end, ".avif");
    }

    private static boolean endsWithIgnoreCase(String s, int end, String suffix) {
        int start = end - suffix.length();
        return start >= 0 && s.regionMatches(true, start, suffix, 0, suffix.length());
    }

    public String html() {
        return html;
    }

    /** The page URL (base for relative links), or null. */
    public String url() {
        return url;
    }

    public Document document() {
        return document;
    }

    public List<Element> metas() {
        return metas;
    }

    public List<String> scriptSources() {
        return scriptSources;
    }

    public List<Element> jsonLdScripts() {
        return jsonLdScripts;
    }

    /** Inline scripts that are neither JSON-LD nor Shopify product JSON. */
    public List<Element> inlineScripts() {
        return inlineScripts;
    }

    /** {@code <script id="ProductJson-...">}, {@code WH-ProductJson-...}, {@code data-product-json}. */
    public List<Element> productJsonScripts() {
        return productJsonScripts;
    }

    public List<Element> itemScopes() {
        return itemScopes;
    }

    public List<Element> itemProps() {
        return itemProps;
    }

    /** The first few {@code h1} elements. */
    public List<Element> headings() {
        return headings;
    }

    /** Elements whose class or id mentions "price", or with {@code data-price}, in page order. */
    public List<Element> priceElements() {
        return priceElements;
    }

    /** Elements whose class or id mentions "stock" or "availability". */
    public List<Element> stockElements() {
        return stockElements;
    }

    /** Product-image-looking elements: zoom/large image attributes, WooCommerce gallery items. */
    public List<Element> imageElements() {
        return imageElements;
    }

    public List<Element> links() {
        return links;
    }

    /**
     * Elements that may hold a gallery photo: with a full-size image attribute
     * ({@link #GALLERY_ATTRIBUTES}), with a known gallery class, or links to an image file; in
     * page order.
     */
    public List<Element> galleryElements() {
        return galleryElements;
    }

    /** Elements whose class or id mentions rating or review, or with {@code data-average-rating}. */
    public List<Element> ratingElements() {
        return ratingElements;
    }

    /** Short text nodes in th/dt/label/strong/b or with a colon: possible "Label: value" pairs. */
    public List<TextNode> labelTexts() {
        return labelTexts;
    }

    /**
     * Buttons, submit inputs, and elements whose class or id mentions cart, buy, basket or sold
     * out, in page order: what {@code BuyButtons} reads availability from.
     */
    public List<Element> purchaseControls() {
        return purchaseControls;
    }

    /**
     * Elements that may hold the product's identifier: a class or id naming one ("sku",
     * "product-code", "product-reference"...), a data attribute holding one
     * ({@link #IDENTIFIER_DATA_ATTRIBUTES}), or a data attribute whose value names one; in page order.
     */
    public List<Element> identifierElements() {
        return identifierElements;
    }

    /** Elements with a short text holding a currency sign, in page order: where prices without a price class sit. */
    public List<Element> moneyTexts() {
        return moneyTexts;
    }

    public Element byId(String id) {
        return byId.get(id);
    }

    public Set<String> classTokens() {
        return classTokens;
    }

    /** Content of the first meta whose name, property or itemprop equals {@code key} (case-insensitive). */
    public String meta(String key) {
        for (Element m : metas) {
            if (key.equalsIgnoreCase(m.attr("property")) || key.equalsIgnoreCase(m.attr("name"))
                    || key.equalsIgnoreCase(m.attr("itemprop"))) {
                String c = m.attr("content").trim();
                if (!c.isEmpty()) {
                    return c;
                }
            }
        }
        return null;
    }

    public String title() {
        return document.title();
    }

    /**
     * Whether the page shows {@code value} as text: it occurs in the markup after the end of a
     * tag that is not a script or style, and outside a comment. Read from the markup rather than
     * the document (no pass over the whole tree for a few short codes); entities are not decoded,
     * which codes rarely need.
     */
    public boolean shows(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        int tries = 0;
        for (int i = html.indexOf(value); i >= 0 && tries < 64; i = html.indexOf(value, i + 1), tries++) {
            int lt = html.lastIndexOf('<', i);
            if (lt < 0 || html.lastIndexOf('>', i) < lt) {
                continue; // inside a tag: an attribute's value
            }
            if (html.regionMatches(true, lt, "<script", 0, 7) || html.regionMatches(true, lt, "<style", 0, 6)) {
                continue;
            }
            if (html.startsWith("<!--", lt) && html.indexOf("-->", lt) > i) {
                continue;
            }
            return true;
        }
        return false;
    }
}
