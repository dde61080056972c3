package dev.gleaner.collectors.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts in KRW: plain numbers, "1,200,000원", "150만원", "1억 2천만 원", "1.5만"; ranges keep their lower end. */
public final class Prices {
    private static final long MAX = 1_000_000_000_000L;
    private static final Pattern PART = Pattern.compile("(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(억|천만|백만|십만|만|천|백)?");

    private Prices() {}

    /** A number, a text amount, or an object with {@code amount}; null when absent or not an amount. */
    public static Long krw(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            return krw(n.get("amount"));
        }
        if (n.isNumber()) {
            BigDecimal d = n.decimalValue();
            if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(MAX)) > 0) {
                return null;
            }
            return d.longValue();
        }
        if (n.isTextual()) {
            return parse(n.textValue());
        }
        return null;
    }

    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        int range = indexOfRange(t);
        if (range > 0) {
            String lower = t.substring(0, range);
            Matcher upper = PART.matcher(t.substring(range + 1));
            // "250-300만원": the lower end borrows the upper end's unit
            if (!lower.matches(".*[억만천백].*") && upper.find() && upper.group(2) != null) {
                lower = lower.trim() + upper.group(2);
            }
            t = lower;
        }
        Matcher m = PART.matcher(t);
        BigDecimal total = BigDecimal.ZERO;
        boolean any = false;
        while (m.find()) {
            BigDecimal v = new BigDecimal(m.group(1).replace(",", ""));
            String unit = m.group(2);
            if (unit != null) {
                v = v.multiply(BigDecimal.valueOf(switch (unit) {
                    case "억" -> 100_000_000L;
                    case "천만" -> 10_000_000L;
                    case "백만" -> 1_000_000L;
                    case "십만" -> 100_000L;
                    case "만" -> 10_000L;
                    case "천" -> 1_000L;
                    default -> 100L;
                }));
            }
            total = total.add(v);
            any = true;
        }
        if (!any || total.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            return null;
        }
        return total.longValue();
    }

    /** A '~' (or a '-' between amounts) that starts the upper end of a range. */
    private static int indexOfRange(String t) {
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '~' || c == '〜' || c == '∼') {
                return i;
            }
            if (c == '-' && i + 1 < t.length()) {
                String before = t.substring(0, i).trim();
                String after = t.substring(i + 1).trim();
                if (!before.isEmpty() && !after.isEmpty() && Character.isDigit(after.charAt(0))
                        && (Character.isDigit(before.charAt(before.length() - 1)) || "억만천백원".indexOf(before.charAt(before.length() - 1)) >= 0)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
