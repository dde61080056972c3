package dev.gleaner.scraper.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ratings on one scale, 0 to 5, whatever scale the page uses ("87" of 100 in Magento's
 * microdata, "9.2" of 10), and the rating or review count read from widget text ("Rated 4.67
 * out of 5", "4,7 von 5 Sternen", "5つ星のうち4.3", "(1,284 reviews)", "52,341개 상품평").
 */
final class Ratings {
    private static final Pattern OUT_OF = Pattern.compile(
            "(\\d{1,3}(?:[.,]\\d{1,2})?)\\s*(?:stars?\\s*)?(?:out of|of|von|sur|de|su|z|/)\\s*(5|10|100)(?![\\d.,])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SCALE_FIRST = Pattern.compile("(5|10)つ星のうち\\s*(\\d(?:[.,]\\d{1,2})?)");
    private static final Pattern STAR_RATING = Pattern.compile("(\\d(?:[.,]\\d{1,2})?)\\s*(?:star rating|stars?\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNT = Pattern.compile(
            "(\\d{1,3}(?:[,.' \\u00a0]\\d{3})+|\\d+)\\s*(?:\\+\\s*)?(?:customer\\s+|product\\s+|global\\s+|verified\\s+)?"
                    + "(reviews?|ratings?|bewertungen|rezensionen|sternebewertungen|avis|opiniones|recensioni|opinie|"
                    + "omd\\u00f6men|anmeldelser|beoordelingen|개\\s*상품평|개의\\s*리뷰|건의\\s*리뷰|개\\s*리뷰|件のレビュー|件の評価|個の評価|件)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern BASED_ON = Pattern.compile("based on\\s+(\\d[\\d,.]*)", Pattern.CASE_INSENSITIVE);

    private Ratings() {}

    /**
     * The rating on a 0–5 scale. With {@code best} given, scales by it; without, a value above 5
     * is read as out of 10 (up to 10) or as a percentage (up to 100); anything else is dropped.
     */
    static Double toFive(Double value, Double best) {
        if (value == null || value.isNaN() || value < 0) {
            return null;
        }
        double v;
        if (best != null && best > 0 && best != 5) {
            v = value * 5 / best;
        } else if (value <= 5) {
            v = value;
        } else if (value <= 10 && (best == null || best != 5)) {
            v = value / 2;
        } else if (value <= 100 && (best == null || best != 5)) {
            v = value / 20;
        } else {
            return null;
        }
        return v > 5 ? null : Math.round(v * 100) / 100.0;
    }

    /** A rating in widget text, on a 0–5 scale; null when the text states none. */
    static Double fromText(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SCALE_FIRST.matcher(text);
        if (m.find()) {
            return toFive(number(m.group(2)), number(m.group(1)));
        }
        m = OUT_OF.matcher(text);
        if (m.find()) {
            return toFive(number(m.group(1)), number(m.group(2)));
        }
        m = STAR_RATING.matcher(text);
        if (m.find()) {
            return toFive(number(m.group(1)), 5.0);
        }
        return null;
    }

    /** A review (or rating) count in widget text; null when there is none. */
    static Integer countFromText(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = BASED_ON.matcher(text);
        Integer based = m.find() ? integer(m.group(1)) : null;
        if (based != null) {
            return based;
        }
        m = COUNT.matcher(text);
        while (m.find()) {
            // A bare "件" only counts right after the number ("1,024件"); other words need no care.
            Integer n = integer(m.group(1));
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s.replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String s) {
        String digits = s.replaceAll("[^0-9]", "");
        if (digits.isEmpty() || digits.length() > 9) {
            return null;
        }
        return Integer.parseInt(digits);
    }
}
