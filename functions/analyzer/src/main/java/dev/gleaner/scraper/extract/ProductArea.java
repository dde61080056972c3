package dev.gleaner.scraper.extract;

import dev.gleaner.scraper.page.Page;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Where the main product sits in the page: its title's element (the {@code h1} naming it, or
 * else the element whose text is the title), and for any other element how close to it it is.
 * A price or an item number close to the title belongs to the product; one that shares only
 * the page's outer layout with it belongs to something else (a recommendation, the basket, a
 * list of other products). Built on demand, once per page; measures are cached.
 */
final class ProductArea {
    /** Below this closeness, an element has only the page's outer layout in common with the title. */
    static final double FAR = 0.5;
    private static final int MAX_WALK = 40;
    private static final Set<String> LIST_ITEMS = Set.of("li", "article");

    private final Element body;
    private final Element title;
    private final int titleDepth;
    /** Whether an element is one of several alike cards (cached: candidates share their ancestors). */
    private final Map<Element, Boolean> cards = new IdentityHashMap<>();
    private final Map<Element, Boolean> repeated = new IdentityHashMap<>();

    private ProductArea(Element body, Element title) {
        this.body = body;
        this.title = title;
        this.titleDepth = title == null ? 1 : Math.max(1, depth(title));
    }

    /** @param titleText the product's title as extracted (may be null: the first {@code h1} then) */
    static ProductArea of(Page page, String titleText) {
        Element body = page.document().body();
        return new ProductArea(body, body == null ? null : findTitle(page, body, titleText));
    }

    /** The element holding the product's title, or null when the page shows none. */
    Element title() {
        return title;
    }

    /**
     * How close {@code el} is to the title, from 1 (in the title's own container) down to 0 (only
     * the document in common): the depth of their lowest common ancestor over the title's depth.
     * 1 when the title is unknown, so that nothing is ranked by it.
     */
    double closeness(Element el) {
        if (title == null || el == null) {
            return 1.0;
        }
        Element common = commonAncestor(el, title);
        return common == null ? 0.0 : (double) depth(common) / titleDepth;
    }

    /** Whether {@code el} comes after the title in page order (the buy box usually does). */
    boolean afterTitle(Element el) {
        if (title == null || el == null || el == title) {
            return true;
        }
        Element common = commonAncestor(el, title);
        if (common == null || common == el || common == title) {
            return common != el; // inside the title counts as after it; an ancestor of the title does not
        }
        Element a = childTowards(common, el);
        Element b = childTowards(common, title);
        return a != null && b != null && a.elementSiblingIndex() > b.elementSiblingIndex();
    }

    /**
     * Whether {@code el} sits among other products: below the part of the page it shares with
     * the title, an ancestor whose class or id names such a block ("related", "recommend",
     * "carousel"...), or one repeated as at least three siblings of the same
     * tag and class (a class is required, except for list items), each holding a link (or an
     * {@code onclick}) and an image (or a background picture).
     */
    boolean inListing(Element el) {
        Element stop = title == null ? body : commonAncestor(el, title);
        int steps = 0;
        for (Element e = el; e != null && e != stop && e != body && steps < MAX_WALK; e = e.parent(), steps++) {
            if (namesOtherProducts(e)) {
                return true;
            }
            if (isRepeatedCard(e)) {
                return true;
            }
        }
        return false;
    }

    private boolean isRepeatedCard(Element e) {
        Boolean known = repeated.get(e);
        if (known != null) {
            return known;
        }
        boolean result = false;
        Element parent = e.parent();
        // Layout blocks without a class repeat too: only classed blocks or list items are cards.
        if (parent != null && parent.childrenSize() >= 3 && (!e.className().isEmpty() || LIST_ITEMS.contains(e.normalName()))) {
            int alike = 0;
            for (Element sibling : parent.children()) {
                if (sibling != e && sibling.normalName().equals(e.normalName())
                        && sibling.className().equals(e.className()) && isCard(sibling)) {
                    alike++;
                    if (alike >= 2) {
                        break;
                    }
                }
            }
            result = alike >= 2 && isCard(e);
        }
        repeated.put(e, result);
        return result;
    }

    /** Words that name a block of other products: "related-products", "recommendations", "a-carousel"... */
    private static final List<String> OTHER_PRODUCTS = List.of("carousel", "recommend", "related", "similar", "upsell",
            "up-sell", "crosssell", "cross-sell", "also-bought", "alsobought", "also-viewed", "alsoviewed");

    private static boolean namesOtherProducts(Element e) {
        String cls = e.className();
        String id = e.id();
        if (cls.isEmpty() && id.isEmpty()) {
            return false;
        }
        String key = (cls + " " + id).toLowerCase(Locale.ROOT);
        for (String w : OTHER_PRODUCTS) {
            if (key.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private boolean isCard(Element e) {
        Boolean known = cards.get(e);
        if (known == null) {
            known = hasLinkAndPicture(e);
            cards.put(e, known);
        }
        return known;
    }

    private static boolean hasLinkAndPicture(Element e) {
        boolean[] found = new boolean[2];
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element x) {
                    String tag = x.normalName();
                    if (tag.equals("a") && x.hasAttr("href") || x.hasAttr("onclick")) {
                        found[0] = true; // a link, or a card that navigates when clicked
                    }
                    if (tag.equals("img") || tag.equals("picture") || x.attr("style").contains("url(")) {
                        found[1] = true; // a picture, or one drawn as a background
                    }
                }
                return found[0] && found[1] ? FilterResult.STOP : FilterResult.CONTINUE;
            }
        }, e);
        return found[0] && found[1];
    }

    static Element commonAncestor(Element a, Element b) {
        int da = depth(a);
        int db = depth(b);
        Element x = a;
        Element y = b;
        while (da > db && x != null) {
            x = x.parent();
            da--;
        }
        while (db > da && y != null) {
            y = y.parent();
            db--;
        }
        while (x != null && y != null && x != y) {
            x = x.parent();
            y = y.parent();
        }
        return x;
    }

    private static int depth(Element e) {
        int d = 0;
        for (Element p = e.parent(); p != null; p = p.parent()) {
            d++;
        }
        return d;
    }

    private static Element childTowards(Element ancestor, Element descendant) {
        Element e = descendant;
        while (e != null && e.parent() != ancestor) {
            e = e.parent();
        }
        return e;
    }

    /** The {@code h1} naming the product; else the element whose whole text is the title; else the first {@code h1}. */
    private static Element findTitle(Page page, Element body, String titleText) {
        String wanted = normal(titleText);
        Element firstHeading = null;
        Element partial = null;
        for (Element h1 : page.headings()) {
            String t = normal(h1.text());
            if (t.isEmpty()) {
                continue;
            }
            if (firstHeading == null) {
                firstHeading = h1;
            }
            if (wanted.isEmpty()) {
                break;
            }
            if (t.equals(wanted)) {
                return h1;
            }
            if (partial == null && t.length() >= 4 && (wanted.contains(t) || t.contains(wanted))) {
                partial = h1;
            }
        }
        if (partial != null) {
            return partial;
        }
        if (wanted.length() >= 4) {
            Element exact = elementWithText(body, wanted);
            if (exact != null) {
                return exact;
            }
        }
        return firstHeading;
    }

    private static Element elementWithText(Element body, String wanted) {
        Element[] found = {null};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    String s = t.getWholeText();
                    // Cheap length test first (indentation aside): most text nodes are far shorter or longer.
                    int length = trimmedLength(s);
                    if (length >= wanted.length() && length <= wanted.length() * 2 + 20
                            && normal(s).equals(wanted) && t.parentNode() instanceof Element p
                            && !p.normalName().equals("title") && !p.normalName().equals("option")) {
                        found[0] = p;
                        return FilterResult.STOP;
                    }
                }
                return FilterResult.CONTINUE;
            }
        }, body);
        return found[0];
    }

    private static int trimmedLength(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to - from;
    }

    private static String normal(String s) {
        String c = s == null ? null : Text.clean(s);
        return c == null ? "" : c.toLowerCase(Locale.ROOT);
    }
}
