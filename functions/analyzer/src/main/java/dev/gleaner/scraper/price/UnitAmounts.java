package dev.gleaner.scraper.price;

import java.math.BigDecimal;

/**
 * Korean, Japanese and Chinese amounts written with number units, rewritten as plain digits
 * before the price is read: {@code 1만 2천원} → {@code 12000원}, {@code 1.5만원} → {@code 15000원},
 * {@code 3억 5천만원} → {@code 350000000원}, {@code 12万円} → {@code 120000円},
 * {@code 2万5千円} → {@code 25000円}, {@code 1,500만원} → {@code 15000000원}.
 *
 * <p>How the units combine: the small ones (십/拾/十 10, 백/百/佰 100, 천/千/仟 1000) build a group;
 * a large one (만/万/萬 10⁴, 억/億/亿 10⁸, 조/兆 10¹²) multiplies the group before it (or the number
 * right before it) and closes it: {@code 3억 5천만} is 3 × 10⁸ + (5 × 1000) × 10⁴. A bare number
 * after the last unit is added as it is ({@code 1万2000円}). A unit needs a number before it
 * (or, for a large unit, a group before it): {@code 만원} alone, {@code 千葉} and {@code 百貨店}
 * are left alone.
 */
final class UnitAmounts {
    private UnitAmounts() {}

    private static long smallUnit(char c) {
        return switch (c) {
            case '십', '拾', '十' -> 10;
            case '백', '百', '佰' -> 100;
            case '천', '千', '仟' -> 1000;
            default -> 0;
        };
    }

    private static int bigUnitPower(char c) {
        return switch (c) {
            case '만', '万', '萬' -> 4;
            case '억', '億', '亿' -> 8;
            case '조', '兆' -> 12;
            default -> 0;
        };
    }

    private static boolean isUnit(char c) {
        return smallUnit(c) > 0 || bigUnitPower(c) > 0;
    }

    /** {@code s} (already normalised: ASCII digits) with every unit amount written in digits. */
    static String expand(String s) {
        if (!hasUnitAfterDigit(s)) {
            return s; // the common case, decided without allocating
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end = tryAmount(s, i, out);
            if (end > i) {
                i = end;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean hasUnitAfterDigit(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (isUnit(s.charAt(i))) {
                char before = s.charAt(i - 1);
                if (Character.isDigit(before) || before == ' ' && i > 1 && Character.isDigit(s.charAt(i - 2))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Reads a unit amount starting at {@code start}; appends its digits and returns its end, or {@code start}. */
    private static int tryAmount(String s, int start, StringBuilder out) {
        if (!Character.isDigit(s.charAt(start)) || start > 0 && isNumberChar(s.charAt(start - 1))) {
            return start;
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal group = BigDecimal.ZERO;
        boolean anyUnit = false;
        boolean groupOpen = false;
        int i = start;
        int end = start;
        while (i < s.length()) {
            int numEnd = numberEnd(s, i);
            BigDecimal number = null;
            if (numEnd > i) {
                number = PriceParser.toDecimal(s.substring(i, numEnd), null);
                if (number == null) {
                    break;
                }
            }
            int u = numEnd;
            if (u < s.length() && s.charAt(u) == ' ' && number != null) {
                u++;
            }
            char unit = u < s.length() ? s.charAt(u) : 0;
            if (number != null && smallUnit(unit) > 0) {
                group = group.add(number.multiply(BigDecimal.valueOf(smallUnit(unit))));
                groupOpen = true;
            } else if (bigUnitPower(unit) > 0 && (number != null || groupOpen)) {
                BigDecimal value = number != null ? group.add(number) : group;
                total = total.add(value.scaleByPowerOfTen(bigUnitPower(unit)));
                group = BigDecimal.ZERO;
                groupOpen = false;
            } else {
                if (number != null && anyUnit) {
                    group = group.add(number); // "1万2000円": the rest, in plain digits
                    end = numEnd;
                }
                break;
            }
            anyUnit = true;
            i = u + 1;
            end = i;
            if (i < s.length() && s.charAt(i) == ' ' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                i++; // "1만 2천원"
            }
        }
        if (!anyUnit) {
            return start;
        }
        BigDecimal amount = total.add(group).stripTrailingZeros();
        out.append(amount.scale() < 0 ? amount.setScale(0).toPlainString() : amount.toPlainString());
        return end;
    }

    private static boolean isNumberChar(char c) {
        return Character.isDigit(c) || c == '.' || c == ',';
    }

    /** End of the number at {@code i} ("1", "1.5", "1,500"), or {@code i} when none starts there. */
    private static int numberEnd(String s, int i) {
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (Character.isDigit(c)) {
                j++;
            } else if ((c == '.' || c == ',') && j > i && j + 1 < s.length() && Character.isDigit(s.charAt(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }
}
