package dev.gleaner.core.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=N}): how long a client is willing
 * to wait for an answer that reflects a change. Preferences are comma-separated, names are
 * case-insensitive, the first {@code wait} wins (RFC 7240 §2), and a value that is not a
 * delta-seconds number is ignored, as the RFC asks of preferences a server cannot understand.
 */
public final class PreferWait {
    /** The longest wait honoured: API Gateway gives up at 29 s. */
    public static final int MAX_SECONDS = 20;

    private PreferWait() {}

    /**
     * The seconds to wait, capped at {@link #MAX_SECONDS}, from every {@code Prefer} header value;
     * empty when there is no valid {@code wait}.
     */
    public static OptionalInt parse(List<String> preferHeaders) {
        if (preferHeaders == null) {
            return OptionalInt.empty();
        }
        for (String header : preferHeaders) {
            if (header == null) {
                continue;
            }
            for (String preference : splitOutsideQuotes(header, ',')) {
                // A preference may carry parameters after ';': only its own token=value matters here.
                String head = splitOutsideQuotes(preference, ';').get(0).trim();
                int eq = head.indexOf('=');
                String name = (eq < 0 ? head : head.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                if (!name.equals("wait")) {
                    continue;
                }
                // The first wait preference decides, valid or not.
                return eq < 0 ? OptionalInt.empty() : seconds(unquote(head.substring(eq + 1).trim()));
            }
        }
        return OptionalInt.empty();
    }

    /** The {@code Preference-Applied} value for an honoured wait. */
    public static String applied(int seconds) {
        return "wait=" + seconds;
    }

    private static OptionalInt seconds(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        // delta-seconds may be arbitrarily long: anything past a few digits is simply "more than the cap".
        if (value.length() > 6) {
            return OptionalInt.of(MAX_SECONDS);
        }
        return OptionalInt.of(Math.min(MAX_SECONDS, Integer.parseInt(value)));
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
