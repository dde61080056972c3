package dev.gleaner.scraper.extract;

import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The text of a price element as a shopper reads it: without the struck-through parts (a
 * container such as {@code <p class="price"><del>29,90 €</del> <ins>24,90 €</ins></p>} states
 * one price, 24,90 €) and without screen-reader-only copies.
 */
final class PriceText {
    private PriceText() {}

    static String of(Element el) {
        StringBuilder b = new StringBuilder();
        append(el, b, 0);
        return b.toString().trim();
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
                b.append(t.text()).append(' ');
            } else if (child instanceof Element e && !isStruck(e) && !isHidden(e)) {
                append(e, b, depth + 1);
            }
        }
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
