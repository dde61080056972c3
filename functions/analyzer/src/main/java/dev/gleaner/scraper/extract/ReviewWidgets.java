package dev.gleaner.scraper.extract;

import dev.gleaner.scraper.page.Page;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Ratings shown by review widgets and shop themes when structured data has none: Judge.me's
 * {@code data-average-rating}/{@code data-number-of-reviews}, and the text of rating and review
 * elements (Yotpo's "4.8 star rating", Okendo's "Rated 4.6 out of 5 … Based on 23 reviews",
 * WooCommerce's "Rated 4.67 out of 5", Amazon's "4,7 von 5 Sternen" and "2.345
 * Sternebewertungen"), or a star bar's width (96% of five stars is 4.8). The first widget in
 * page order that states a rating wins; the main product comes before related products.
 */
final class ReviewWidgets {
    static final String SOURCE = "review-widget";
    private static final Pattern WIDTH = Pattern.compile("width\\s*:\\s*(\\d{1,3}(?:\\.\\d+)?)%");
    private static final int MAX_TEXT = 300;

    private ReviewWidgets() {}

    static Step extract(Page page) {
        Fields f = new Fields();
        List<Element> widgets = page.ratingElements();
        for (int i = 0; i < widgets.size() && f.rating == null; i++) {
            Element el = widgets.get(i);
            if (el.hasAttr("data-average-rating")) {
                f.rating = Ratings.toFive(number(el.attr("data-average-rating")), 5.0);
                f.reviewCount = integer(el.attr("data-number-of-reviews"));
                continue;
            }
            String text = el.text();
            if (text.length() > MAX_TEXT) {
                continue; // a whole review section, not a summary
            }
            Double rating = Ratings.fromText(text);
            if (rating == null) {
                rating = starWidth(el);
            }
            if (rating == null) {
                continue;
            }
            f.rating = rating;
            // The count sits in the same widget, or in the next element or two (Amazon's link).
            for (int j = i; j < Math.min(widgets.size(), i + 3) && f.reviewCount == null; j++) {
                String t = j == i ? text : widgets.get(j).text();
                if (t.length() <= MAX_TEXT) {
                    f.reviewCount = countNear(widgets.get(j), t);
                }
            }
        }
        if (f.rating == null && f.reviewCount == null) {
            return Step.empty(SOURCE);
        }
        return new Step(SOURCE, f, null, null);
    }

    private static Integer countNear(Element el, String text) {
        Integer n = Ratings.countFromText(text);
        if (n == null) {
            for (Element labelled : el.getElementsByAttribute("aria-label")) {
                n = Ratings.countFromText(labelled.attr("aria-label"));
                if (n != null) {
                    break;
                }
            }
        }
        return n;
    }

    /** A star bar drawn by width: "width: 96%" on an element whose class names stars. */
    private static Double starWidth(Element el) {
        for (Element e : el.getElementsByAttribute("style")) {
            String cls = e.className().toLowerCase(Locale.ROOT);
            if (!cls.contains("star")) {
                continue;
            }
            Matcher m = WIDTH.matcher(e.attr("style"));
            if (m.find()) {
                double pct = Double.parseDouble(m.group(1));
                return pct > 0 && pct <= 100 ? Ratings.toFive(pct, 100.0) : null;
            }
        }
        return null;
    }

    private static Double number(String s) {
        try {
            return s == null || s.isBlank() ? null : Double.parseDouble(s.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String s) {
        if (s == null) {
            return null;
        }
        String digits = s.replaceAll("[^0-9]", "");
        return digits.isEmpty() || digits.length() > 9 ? null : Integer.valueOf(digits);
    }
}
