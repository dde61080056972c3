package dev.gleaner.scraper.price;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a price from shop text: {@code 1.299,00 €}, {@code $1,299.99}, {@code 12,900원},
 * {@code CHF 1'299.50}, {@code 1 299,99 zł}, {@code kr 99,-}, {@code from $349},
 * {@code $10 - $20} (the lower bound), {@code ,89 €} (0.89), Korean, Japanese and Chinese amounts
 * written with units ({@code 1만 2천원} 12000, {@code 3억 5천만원}, {@code 12万円}: see
 * {@link UnitAmounts})... Text without a number ({@code Free}, {@code Sold out}) gives
 * {@link Price#NONE}.
 *
 * <p>How: normalise (NFKC folds full-width forms, any Unicode digits become ASCII), find the
 * currency markers and the numbers, take the first number next to a marker (else the first
 * number that is not a percentage or part of a word), decide the currency (an unambiguous
 * marker wins; {@code $ ¥ kr Rs £} are settled by the hints), then decide which separator is the
 * decimal one: the last of two different ones; a repeated one groups; a single one followed by
 * exactly three digits groups (except for three-decimal currencies such as KWD), otherwise it
 * is the decimal point.
 */
public final class PriceParser {
    private PriceParser() {}

    private enum Amb { NONE, DOLLAR, YEN, KRONA, RUPEE, POUND, FRANC, YUAN }

    private record Marker(String token, String currency, Amb ambiguity, boolean word) {}

    private record Found(int start, int end, Marker marker, String code) {}

    private record Num(int start, int end, String digits) {}

    // Longer tokens first so "US$" wins over "$" and "R$" over "R".
    private static final List<Marker> MARKERS = new ArrayList<>();

    private static void sym(String token, String currency) {
        MARKERS.add(new Marker(token, currency, Amb.NONE, false));
    }

    private static void word(String token, String currency) {
        MARKERS.add(new Marker(token, currency, Amb.NONE, true));
    }

    private static void amb(String token, Amb amb, boolean word) {
        MARKERS.add(new Marker(token, null, amb, word));
    }

    static {
        sym("US$", "USD"); sym("U$S", "USD"); sym("CA$", "CAD"); sym("C$", "CAD"); sym("AU$", "AUD"); sym("A$", "AUD");
        sym("NZ$", "NZD"); sym("HK$", "HKD"); sym("SG$", "SGD"); sym("S$", "SGD"); sym("NT$", "TWD"); sym("MX$", "MXN");
        sym("RD$", "DOP"); sym("R$", "BRL"); sym("E£", "EGP"); sym("S/.", "PEN"); sym("S/", "PEN");
        sym("€", "EUR"); sym("₩", "KRW"); sym("원", "KRW"); sym("円", "JPY"); sym("₹", "INR"); sym("₽", "RUB");
        sym("₫", "VND"); sym("₺", "TRY"); sym("₴", "UAH"); sym("฿", "THB"); sym("₱", "PHP"); sym("₪", "ILS");
        sym("₦", "NGN"); sym("₸", "KZT"); sym("₮", "MNT"); sym("₲", "PYG"); sym("₡", "CRC"); sym("₼", "AZN");
        sym("₾", "GEL"); sym("৳", "BDT"); sym("₭", "LAK"); sym("៛", "KHR"); sym("₵", "GHS"); sym("د.إ", "AED");
        sym("ر.س", "SAR"); sym("zł", "PLN"); sym("Kč", "CZK"); sym("лв", "BGN"); sym("руб", "RUB");
        sym("грн", "UAH"); sym("đ", "VND"); sym("บาท", "THB"); sym("ریال", "IRR");
        word("CHF", "CHF"); word("SFr", "CHF"); word("Ft", "HUF"); word("lei", "RON"); word("RM", "MYR");
        word("Rp", "IDR"); word("TL", "TRY"); word("Lei", "RON"); word("kn", "HRK");
        word("Bs", "VES"); word("R", "ZAR"); word("KD", "KWD"); word("BD", "BHD");
        word("Dhs", "AED"); word("AED", "AED"); word("SR", "SAR"); word("VND", "VND"); word("dong", "VND");
        word("yen", "JPY"); word("won", "KRW"); word("zl", "PLN"); word("euro", "EUR"); word("euros", "EUR");
        word("EUR", "EUR"); word("USD", "USD"); word("RMB", "CNY");
        amb("$", Amb.DOLLAR, false); amb("¥", Amb.YEN, false); amb("元", Amb.YUAN, false);
        amb("£", Amb.POUND, false);
        amb("kr.", Amb.KRONA, true); amb("kr", Amb.KRONA, true); amb("Kr", Amb.KRONA, true);
        amb("Rs.", Amb.RUPEE, true); amb("Rs", Amb.RUPEE, true); amb("Fr.", Amb.FRANC, true);
        MARKERS.sort(Comparator.comparingInt((Marker m) -> -m.token.length()));
    }

    private static final Set<String> DOLLARS = Set.of("USD", "CAD", "AUD", "NZD", "MXN", "SGD", "HKD", "TWD", "CLP",
            "COP", "ARS", "UYU", "DOP", "JMD", "TTD", "BSD", "BBD", "BZD", "BMD", "KYD", "FJD", "LRD", "NAD", "SRD",
            "SBD", "GYD", "XCD", "CUP", "BND", "ZWL", "ECS");
    private static final Set<String> KRONER = Set.of("SEK", "NOK", "DKK", "ISK", "FOK");
    private static final Set<String> RUPEES = Set.of("INR", "PKR", "LKR", "NPR", "MUR", "SCR");
    private static final Set<String> POUNDS = Set.of("GBP", "EGP", "GIP", "FKP", "SHP", "SSP", "LBP", "SYP");
    private static final Set<String> YENS = Set.of("JPY", "CNY");
    private static final Set<String> FRANCS = Set.of("CHF", "XOF", "XAF", "XPF");
    private static final Set<String> YUANS = Set.of("CNY", "TWD", "HKD");
    /** Shown without decimals in practice even where ISO says two. */
    private static final Set<String> ZERO_DECIMAL_IN_PRACTICE = Set.of("IDR", "TWD", "HUF", "CLP", "COP", "PYG", "UGX");

    private static final Pattern ISO_CODE = Pattern.compile("(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])");
    private static final Pattern NUMBER = Pattern.compile(
            "\\d{1,3}(?:[ ']\\d{3})+(?:[.,]\\d+)?(?![\\d'])|\\d+(?:[.,']\\d+)*|(?<![\\d.,'\\p{L}])[.,]\\d+");
    private static final Pattern MACHINE_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern TRAILING_DASH = Pattern.compile("^[.,]-{1,2}");
    private static final Pattern RANGE_WORD = Pattern.compile("^(?:-|~|to|bis|à|a|até|до|〜|~|から)$");

    public static Price parse(String text) {
        return parse(text, PriceHints.NONE);
    }

    public static Price parse(String text, PriceHints hints) {
        if (text == null || text.isBlank()) {
            return Price.NONE;
        }
        if (hints == null) {
            hints = PriceHints.NONE;
        }
        String s = normalise(text);
        if (s.length() > 500) {
            s = s.substring(0, 500); // a price never needs more; bounds the work on junk input
        }
        s = UnitAmounts.expand(s);
        List<Found> markers = findMarkers(s);
        List<Num> numbers = findNumbers(s, markers);
        if (numbers.isEmpty()) {
            return Price.NONE;
        }
        int chosen = -1;
        Found chosenMarker = null;
        for (int i = 0; i < numbers.size() && chosen < 0; i++) {
            Found m = adjacentMarker(s, numbers.get(i), markers);
            if (m != null) {
                chosen = i;
                chosenMarker = m;
            }
        }
        if (chosen < 0) {
            chosen = 0;
            chosenMarker = markers.isEmpty() ? null : markers.get(0);
        }
        String currency = resolveCurrency(chosenMarker, hints);
        BigDecimal amount = toDecimal(numbers.get(chosen).digits, currency);
        if (amount == null) {
            return Price.NONE;
        }
        // "$10 - $20", "10~20원", "from 10 to 20 EUR": the lower bound.
        // The marker may sit only on the upper bound ("10~20원"): look both ways.
        if (chosen + 1 < numbers.size() && isRangeBetween(s, numbers.get(chosen), numbers.get(chosen + 1), markers)) {
            amount = lower(amount, toDecimal(numbers.get(chosen + 1).digits, currency));
        }
        if (chosen > 0 && isRangeBetween(s, numbers.get(chosen - 1), numbers.get(chosen), markers)) {
            amount = lower(amount, toDecimal(numbers.get(chosen - 1).digits, currency));
        }
        return new Price(clean(amount), currency);
    }

    /**
     * Reads a machine-written amount ({@code "1299.00"}, {@code 1299}, {@code "1.299,00"}) as
     * found in structured data; null when it is not a number.
     */
    public static BigDecimal parseAmount(String value, String currency) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            // Plain machine decimals ("1299.5", "1E+3") are by far the common case.
            if (MACHINE_NUMBER.matcher(v).matches()) {
                return clean(new BigDecimal(v).abs());
            }
        } catch (NumberFormatException ignored) {
            // fall through to the text reader
        }
        Price p = parse(v, new PriceHints(currency, null, null));
        return p.amount();
    }

    private static BigDecimal lower(BigDecimal a, BigDecimal b) {
        return b != null && b.compareTo(a) < 0 ? b : a;
    }

    private static BigDecimal clean(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 127 && Character.isDigit(c)) {
                b.append((char) ('0' + Character.digit(c, 10)));
            } else if (c == '\u066b') {
                b.append('.');
            } else if (c == '\u066c') {
                b.append(',');
            } else if (c == '\u2019' || c == '\u02bc' || c == '\u2032' || c == '`' || c == '\u00b4') {
                b.append('\'');
            } else if (c == '\u2013' || c == '\u2014' || c == '\u2212' || c == '\u2010' || c == '\u2011' || c == '\u2012') {
                b.append('-');
            } else if (c == '\u200b' || c == '\u200e' || c == '\u200f' || c == '\u00ad') {
                // zero-width and direction marks carry nothing
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static List<Found> findMarkers(String s) {
        List<Found> found = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            Found f = markerAt(s, i);
            if (f != null) {
                found.add(f);
                i = f.end;
            } else {
                i++;
            }
        }
        return found;
    }

    private static Found markerAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isDigit(c) || c == ' ' || c == '.' || c == ',') {
            return null;
        }
        boolean letterBefore = i > 0 && Character.isLetter(s.charAt(i - 1));
        for (Marker m : MARKERS) {
            if (!s.startsWith(m.token, i)) {
                continue;
            }
            int end = i + m.token.length();
            if (m.word) {
                boolean letterAfter = end < s.length() && Character.isLetter(s.charAt(end));
                if (letterBefore || letterAfter) {
                    continue;
                }
                if (m.token.equals("R") && !followedByNumber(s, end)) {
                    continue; // a lone capital letter is a currency only right before a number
                }
            }
            return new Found(i, end, m, null);
        }
        if (!letterBefore && c >= 'A' && c <= 'Z') {
            Matcher iso = ISO_CODE.matcher(s);
            if (iso.find(i) && iso.start() == i && isCurrencyCode(iso.group(1))) {
                return new Found(i, i + 3, null, iso.group(1));
            }
        }
        return null;
    }

    private static boolean followedByNumber(String s, int end) {
        int j = end;
        while (j < s.length() && s.charAt(j) == ' ') {
            j++;
        }
        return j < s.length() && Character.isDigit(s.charAt(j));
    }

    private static boolean isCurrencyCode(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<Num> findNumbers(String s, List<Found> markers) {
        List<Num> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(s);
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            String digits = m.group();
            Matcher dash = TRAILING_DASH.matcher(s.substring(end, Math.min(s.length(), end + 3)));
            if (dash.find()) {
                end += dash.end();
            }
            // Drop "20%" and numbers glued to a word ("X200", "2x"), unless the word is a currency.
            int after = end;
            while (after < s.length() && s.charAt(after) == ' ') {
                after++;
            }
            if (after < s.length() && s.charAt(after) == '%') {
                continue;
            }
            if (start > 0 && Character.isLetter(s.charAt(start - 1)) && !markerEndsAt(markers, start)) {
                continue;
            }
            if (end < s.length() && Character.isLetter(s.charAt(end)) && !markerStartsAt(markers, end)) {
                continue;
            }
            out.add(new Num(start, end, digits));
        }
        return out;
    }

    private static boolean markerEndsAt(List<Found> markers, int pos) {
        return markers.stream().anyMatch(f -> f.end == pos);
    }

    private static boolean markerStartsAt(List<Found> markers, int pos) {
        return markers.stream().anyMatch(f -> f.start == pos);
    }

    /** A marker directly before or after the number, spaces (and a sign) allowed in between. */
    private static Found adjacentMarker(String s, Num n, List<Found> markers) {
        Found before = null;
        Found after = null;
        for (Found f : markers) {
            if (f.end <= n.start && onlyGlue(s, f.end, n.start)) {
                before = f;
            } else if (f.start >= n.end && onlyGlue(s, n.end, f.start) && after == null) {
                after = f;
            }
        }
        return before != null ? before : after;
    }

    private static boolean onlyGlue(String s, int from, int to) {
        if (to - from > 3) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '-' && c != '+' && c != ':') {
                return false;
            }
        }
        return true;
    }

    private static boolean isRangeBetween(String s, Num a, Num b, List<Found> markers) {
        StringBuilder between = new StringBuilder(s.substring(a.end, b.start));
        // Remove currency markers inside the gap ("$10 - $20", "10€ - 20€").
        for (Found f : markers) {
            if (f.start >= a.end && f.end <= b.start) {
                for (int i = f.start - a.end; i < f.end - a.end; i++) {
                    between.setCharAt(i, ' ');
                }
            }
        }
        String gap = between.toString().trim().toLowerCase(Locale.ROOT);
        return RANGE_WORD.matcher(gap).matches();
    }

    private static String resolveCurrency(Found marker, PriceHints hints) {
        if (marker == null) {
            return firstNonNull(hints.priceCurrency(), hints.currencyHint(), hints.countryCurrency());
        }
        if (marker.code != null) {
            return marker.code;
        }
        Marker m = marker.marker;
        if (m.ambiguity == Amb.NONE) {
            return m.currency;
        }
        Set<String> family;
        String dflt;
        switch (m.ambiguity) {
            case DOLLAR -> { family = DOLLARS; dflt = "USD"; }
            case YEN -> { family = YENS; dflt = "JPY"; }
            case YUAN -> { family = YUANS; dflt = "CNY"; }
            case KRONA -> { family = KRONER; dflt = "SEK"; }
            case RUPEE -> { family = RUPEES; dflt = "INR"; }
            case POUND -> { family = POUNDS; dflt = "GBP"; }
            case FRANC -> { family = FRANCS; dflt = "CHF"; }
            default -> { family = Set.of(); dflt = null; }
        }
        for (String candidate : new String[] {hints.priceCurrency(), hints.currencyHint(), hints.countryCurrency()}) {
            if (candidate != null && family.contains(candidate)) {
                return candidate;
            }
        }
        return dflt;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Turns "1.299,00" / "1,299.99" / "1'299.50" / "1 299,99" into a decimal for {@code currency}. */
    static BigDecimal toDecimal(String raw, String currency) {
        String s = raw.replace(" ", "").replace("'", "");
        int dots = count(s, '.');
        int commas = count(s, ',');
        String normalised;
        if (dots > 0 && commas > 0) {
            char decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
            char group = decimal == '.' ? ',' : '.';
            if (count(s, decimal) > 1) {
                normalised = s.replace(".", "").replace(",", "");
            } else {
                normalised = s.replace(String.valueOf(group), "").replace(decimal, '.');
            }
        } else if (dots + commas == 0) {
            normalised = s;
        } else {
            char sep = dots > 0 ? '.' : ',';
            if (dots + commas > 1) {
                normalised = s.replace(String.valueOf(sep), "");
            } else {
                int at = s.indexOf(sep);
                String intPart = s.substring(0, at);
                String frac = s.substring(at + 1);
                boolean grouping;
                if (intPart.isEmpty()) {
                    grouping = false; // ",89" and ".5": nothing before the separator, so it is the decimal one
                } else if (frac.length() != 3) {
                    grouping = false;
                } else if (threeDecimals(currency)) {
                    grouping = sep == ',';
                } else {
                    grouping = !intPart.equals("0") || zeroDecimals(currency);
                }
                normalised = grouping ? intPart + frac : intPart + "." + frac;
            }
        }
        if (normalised.isEmpty() || normalised.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(normalised);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean zeroDecimals(String currency) {
        if (currency == null) {
            return false;
        }
        if (ZERO_DECIMAL_IN_PRACTICE.contains(currency)) {
            return true;
        }
        try {
            return Currency.getInstance(currency).getDefaultFractionDigits() == 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean threeDecimals(String currency) {
        if (currency == null) {
            return false;
        }
        try {
            return Currency.getInstance(currency).getDefaultFractionDigits() == 3;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
