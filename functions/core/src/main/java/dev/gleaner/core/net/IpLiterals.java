package dev.gleaner.core.net;

/**
 * Parses IP address literals by hand, without the JDK resolver (which may fall back to DNS) and
 * in every spelling the C library's {@code inet_aton} and browsers accept: 1 to 4 parts, each
 * decimal, octal (leading {@code 0}) or hex ({@code 0x}), the last part filling the remaining
 * bytes ({@code 127.1}, {@code 2130706433}, {@code 0x7f.1}).
 */
final class IpLiterals {
    enum Kind { NOT_IP, ADDRESS, INVALID }

    record V4(Kind kind, byte[] bytes) {}

    private static final V4 NOT_IP = new V4(Kind.NOT_IP, null);
    private static final V4 INVALID = new V4(Kind.INVALID, null);

    private IpLiterals() {}

    /**
     * {@code host} is lower-case without a trailing dot. A host whose last label is a number is an
     * IPv4 literal (or invalid); anything else is a name.
     */
    static V4 parseIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (!isNumber(parts[parts.length - 1])) {
            return NOT_IP;
        }
        if (parts.length > 4) {
            return INVALID;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long v = parseNumber(parts[i]);
            if (v < 0) {
                return INVALID;
            }
            values[i] = v;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return INVALID;
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        long lastMax = (1L << (8 * (5 - parts.length))) - 1;
        if (last > lastMax) {
            return INVALID;
        }
        address |= last;
        return new V4(Kind.ADDRESS, new byte[] {
            (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }

    private static boolean isNumber(String part) {
        if (part.isEmpty()) {
            return false;
        }
        if (part.startsWith("0x")) {
            for (int i = 2; i < part.length(); i++) {
                if (Character.digit(part.charAt(i), 16) < 0) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Returns the value, or -1 when the part is not a number or exceeds 32 bits. */
    private static long parseNumber(String part) {
        if (!isNumber(part)) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        // Leading zeros never change the value but could overflow a naive length check.
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        digits = digits.substring(start);
        if (digits.isEmpty()) {
            return 0;
        }
        if (digits.length() > 12) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            value = value * radix + d;
        }
        return value > 0xffffffffL ? -1 : value;
    }

    /**
     * Parses an IPv6 literal without brackets (RFC 4291 text forms, including an embedded dotted
     * IPv4 tail). A zone id ({@code %eth0}) is refused: scoped addresses are never public.
     * Returns 16 bytes, or null when the text is not a valid IPv6 address.
     */
    static byte[] parseIpv6(String text) {
        if (text.indexOf('%') >= 0 || text.isEmpty() || text.length() > 45) {
            return null;
        }
        byte[] out = new byte[16];
        String head = text;
        String tail = "";
        int dc = text.indexOf("::");
        if (dc >= 0) {
            if (text.indexOf("::", dc + 1) >= 0) {
                return null;
            }
            head = text.substring(0, dc);
            tail = text.substring(dc + 2);
        }
        int[] headWords = words(head, dc < 0);
        int[] tailWords = dc < 0 ? new int[0] : words(tail, true);
        if (headWords == null || tailWords == null) {
            return null;
        }
        int total = headWords.length + tailWords.length;
        if (dc < 0 ? total != 8 : total > 7) {
            return null;
        }
        for (int i = 0; i < headWords.length; i++) {
            out[2 * i] = (byte) (headWords[i] >>> 8);
            out[2 * i + 1] = (byte) headWords[i];
        }
        int offset = 8 - tailWords.length;
        for (int i = 0; i < tailWords.length; i++) {
            out[2 * (offset + i)] = (byte) (tailWords[i] >>> 8);
            out[2 * (offset + i) + 1] = (byte) tailWords[i];
        }
        return out;
    }

    /** Splits colon-separated 16-bit words; a dotted-quad last group counts as two words. */
    private static int[] words(String s, boolean allowV4Tail) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] groups = s.split(":", -1);
        int extra = 0;
        String last = groups[groups.length - 1];
        boolean v4Tail = last.indexOf('.') >= 0;
        if (v4Tail) {
            if (!allowV4Tail) {
                return null;
            }
            extra = 1;
        }
        int[] w = new int[groups.length + extra];
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (i == groups.length - 1 && v4Tail) {
                byte[] v4 = strictDottedQuad(g);
                if (v4 == null) {
                    return null;
                }
                w[i] = (v4[0] & 0xff) << 8 | v4[1] & 0xff;
                w[i + 1] = (v4[2] & 0xff) << 8 | v4[3] & 0xff;
                continue;
            }
            if (g.isEmpty() || g.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                int d = Character.digit(g.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            w[i] = v;
        }
        return w;
    }

    private static byte[] strictDottedQuad(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p[i].length(); k++) {
                char c = p[i].charAt(k);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }
}
