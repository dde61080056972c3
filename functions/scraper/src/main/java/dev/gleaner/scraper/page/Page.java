package dev.gleaner.scraper.page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
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
    private static final Set<String> INTERESTING_IDS = Set.of(
            "bylineInfo", "availability", "productTitle", "landingImage", "priceblock_ourprice",
            "priceblock_dealprice", "corePrice_feature_div", "corePriceDisplay_desktop_feature_div", "imgBlkFront");

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
                return;
            }
            String tag = el.normalName();
            switch (tag) {
                case "meta" -> metas.add(el);
                case "script" -> script(el);
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
            String cls = el.className();
            if (!cls.isEmpty()) {
                addClassTokens(cls);
            }
            if (!cls.isEmpty() || !id.isEmpty()) {
                String key = (cls + " " + id).toLowerCase(Locale.ROOT);
                if (key.contains("price") && priceElements.size() < MAX_PRICE_ELEMENTS) {
                    priceElements.add(el);
                } else if (el.hasAttr("data-price") && priceElements.size() < MAX_PRICE_ELEMENTS) {
                    priceElements.add(el);
                }
                if ((key.contains("stock") || key.contains("availability")) && stockElements.size() < MAX_STOCK_ELEMENTS) {
                    stockElements.add(el);
                }
                if (key.contains("woocommerce-product-gallery__image") && imageElements.size() < MAX_IMAGE_ELEMENTS) {
                    imageElements.add(el);
                }
            } else if (el.hasAttr("data-price") && priceElements.size() < MAX_PRICE_ELEMENTS) {
                priceElements.add(el);
            }
        }

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

        private void addClassTokens(String cls) {
            int n = cls.length();
            int start = -1;
            for (int i = 0; i <= n; i++) {
                boolean ws = i == n || Character.isWhitespace(cls.charAt(i));
                if (ws) {
                    if (start >= 0) {
                        classTokens.add(cls.substring(start, i));
                        start = -1;
                    }
                } else if (start < 0) {
                    start = i;
                }
            }
        }
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
}
