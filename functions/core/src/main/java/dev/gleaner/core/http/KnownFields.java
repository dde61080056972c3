package dev.gleaner.core.http;

import dev.gleaner.core.errors.DomainError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields a request body may carry. Any other field is a 400 naming it, with the closest known
 * name when one is near (a misspelt {@code target_data} must never silently fall back to a
 * default). Written here rather than taken from a library: one edit distance over a handful of
 * short names does not justify another jar in every Lambda.
 */
public final class KnownFields {
    private KnownFields() {}

    /**
     * @param body a JSON object
     * @param known the fields this body may carry
     * @param what how to name the body in the message, e.g. {@code "a babitalk start"}
     * @param elsewhere names valid in related bodies, with where they belong (may be empty)
     */
    public static void check(JsonNode body, List<String> known, String what, Map<String, String> elsewhere) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (known.contains(name)) {
                continue;
            }
            String shown = quoted(name);
            String field = name.length() <= 100 ? name : name.substring(0, 100) + "…";
            String list = " (the fields of " + what + ": " + String.join(", ", known) + ")";
            String belongs = elsewhere.get(name);
            if (belongs != null) {
                throw DomainError.invalid(field, shown + " is a field of " + belongs + ", not of " + what + list);
            }
            Optional<String> near = closest(name, known);
            throw DomainError.invalid(field, "unknown field " + shown + near.map(n -> "; did you mean " + n + "?")
                    .orElse("") + list);
        }
    }

    /** The known name nearest to {@code name}, if it is near enough to be a slip. */
    public static Optional<String> closest(String name, List<String> known) {
        String n = normalise(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            String kn = normalise(k);
            if (kn.equals(n)) {
                return Optional.of(k);
            }
            int d = distance(n, kn);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, n.length() / 3));
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Case and separators do not matter: targetDate, target-date and TARGET_DATE are target_date. */
    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit, capped for long input. */
    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE / 2;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** A field name as the client sent it, quoted, printable and bounded (it may be anything). */
    static String quoted(String name) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < name.length(); i++) {
            if (b.length() > 60) {
                b.append('…');
                break;
            }
            char c = name.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.append('\'').toString();
    }
}
