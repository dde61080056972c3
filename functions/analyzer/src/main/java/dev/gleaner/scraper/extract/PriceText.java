package dev.gleaner.scraper.extract;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The text of a price element as a shopper reads it: without the struck-through parts (a
 * container such as {@code <p class="price"><del>29,90 €</del> <ins>24,90 €</ins></p>} states
 * one price, 24,90 €), without screen-reader-only copies, with the source's own spacing (so
 * {@code 29<span>.</span><span>99</span>} reads 29.99), and cents set as superscript or in a
 * small element right after the units read as decimals ({@code 173<sup>34</sup> Lei} is 173.34,
 * {@code $229<span>99</span>} is $229.99).
 */
final class PriceText {
    private PriceText() {}

    private static final Set<String> BLOCKS = Set.of("div", "p", "li", "br", "tr", "td", "th", "ul",
            "ol", "dd", "dt", "table", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer");

    static String of(Element el) {
        StringBuilder b = new StringBuilder();
        append(el, b, 0);
        return b.toString().replaceAll("\\s+", " ").trim();
    }

    /** Whether the element is struck through itself or within a few ancestors. */
    static boolean struck(Element el) {
        Element e = el;
        for (int i = 0; i < 4 && e != null; i++, e = e.parent()) {
            if (isStruck(e)) {
                return true;
            }
        }
        return false;
    }

    private static void append(Element el, StringBuilder b, int depth) {
        if (depth > 12 || b.length() > 400) {
            return;
        }
        for (Node child : el.childNodes()) {
            if (child instanceof TextNode t) {
                b.append(t.getWholeText());
            } else if (child instanceof Element e && !isStruck(e) && !isHidden(e)) {
                boolean block = BLOCKS.contains(e.normalName());
                if (block) {
                    b.append(' ');
                } else if (isCents(e, b)) {
                    b.append('.');
                }
                append(e, b, depth + 1);
                if (block) {
                    b.append(' ');
                }
            }
        }
    }

    /** Two digits in their own inline element, right after the units with no space between: the cents. */
    private static boolean isCents(Element e, StringBuilder before) {
        int n = before.length();
        if (n == 0 || !Character.isDigit(before.charAt(n - 1)) || e.childrenSize() > 0) {
            return false;
        }
        String t = e.text();
        return t.length() == 2 && Character.isDigit(t.charAt(0)) && Character.isDigit(t.charAt(1));
    }

    private static boolean isStruck(Element e) {
        String tag = e.normalName();
        if (tag.equals("del") || tag.equals("s") || tag.equals("strike")) {
            return true;
        }
        String style = e.attr("style");
        return !style.isEmpty() && style.toLowerCase(Locale.ROOT).contains("line-through");
    }

    private static boolean isHidden(Element e) {
        String cls = e.className();
        return !cls.isEmpty() && (cls.contains("screen-reader-text") || cls.contains("sr-only")
                || cls.contains("visually-hidden"));
    }
}
