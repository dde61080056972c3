package dev.gleaner.api.http;

import dev.gleaner.core.errors.DomainError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the representation of a record listing: the {@code format} query parameter when given
 * (it wins over {@code Accept}), else the client's {@code Accept} (media ranges with q-values,
 * RFC 9110 §12.5.1), else JSON. An unknown {@code format} is a 400 naming it; an {@code Accept}
 * that none of the formats satisfies is a 406 listing them.
 */
public final class Negotiation {
    public static final String FORMAT = "format";

    /** The representations of a record listing, in the server's order of preference. */
    public enum Format {
        JSON("application/json"),
        CSV("text/csv"),
        NDJSON("application/x-ndjson");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        /** The {@code format} parameter's value and the export's file extension: the name in lower case. */
        public String formatName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private Negotiation() {}

    public static Format choose(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            for (Format candidate : Format.values()) {
                if (candidate.formatName().equals(f)) {
                    return candidate;
                }
            }
            throw DomainError.invalid(FORMAT, "format must be one of " + names());
        }
        if (accept == null || accept.isBlank()) {
            return Format.JSON;
        }
        List<Range> ranges = parse(accept);
        Format best = null;
        double bestQ = 0;
        for (Format candidate : Format.values()) {
            double q = quality(candidate.mediaType(), ranges);
            if (q > bestQ) {
                best = candidate;
                bestQ = q;
            }
        }
        if (best == null) {
            throw new ApiException(406, "cannot answer in any type that Accept allows (" + accept.trim()
                    + "); available: " + mediaTypes() + ", or format=" + String.join("|", names()), "Accept");
        }
        return best;
    }

    /** The available media types, as a 406 lists them. */
    public static String mediaTypes() {
        List<String> types = new ArrayList<>();
        for (Format f : Format.values()) {
            types.add(f.mediaType());
        }
        return String.join(", ", types);
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (Format f : Format.values()) {
            n.add(f.formatName());
        }
        return n;
    }

    private record Range(String type, String subtype, double q) {
        /** 2 exact, 1 type/*, 0 star/star, -1 no match. */
        int specificity(String t, String s) {
            if (type.equals("*")) {
                return subtype.equals("*") ? 0 : -1;
            }
            if (!type.equals(t)) {
                return -1;
            }
            return subtype.equals("*") ? 1 : subtype.equals(s) ? 2 : -1;
        }
    }

    /** The q of the most specific range that matches the media type (0 when none does). */
    private static double quality(String mediaType, List<Range> ranges) {
        String[] ts = mediaType.split("/");
        int bestSpecificity = -1;
        double q = 0;
        for (Range r : ranges) {
            int s = r.specificity(ts[0], ts[1]);
            if (s > bestSpecificity) {
                bestSpecificity = s;
                q = r.q();
            }
        }
        return q;
    }

    private static List<Range> parse(String accept) {
        List<Range> ranges = new ArrayList<>();
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String type = pieces[0].trim().toLowerCase(Locale.ROOT);
            int slash = type.indexOf('/');
            if (slash <= 0 || slash == type.length() - 1) {
                continue; // not a media range: ignored
            }
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                if (p.regionMatches(true, 0, "q=", 0, 2)) {
                    try {
                        q = Math.max(0, Math.min(1, Double.parseDouble(p.substring(2).trim())));
                    } catch (NumberFormatException e) {
                        q = 1; // a malformed weight counts as the default
                    }
                }
            }
            ranges.add(new Range(type.substring(0, slash), type.substring(slash + 1), q));
        }
        return ranges;
    }
}
