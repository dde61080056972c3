package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the product's SKU among every identifier the sources state, with a score that says
 * why. The site's own item number is wanted: the identifier it uses for this product, as it
 * shows it; a GTIN will do when nothing else is stated; a manufacturer's part number, or a code
 * that is part of the product's name, will not (it is not the shop's, and not unique to it).
 *
 * <p>Each candidate starts from what its source calls it ({@link SkuCandidate.Kind}: platform
 * data 12, schema.org {@code sku} and a visible "SKU"/"Art.-Nr."/"商品編號" label 10, an element
 * marked as the code 8, a variant's SKU or {@code productID} 7, a data attribute 5, a GTIN 4, an
 * MPN 3), then:
 * <ul>
 *   <li>read from structured data: +1 when the page also shows it, −1 when it does not (what
 *       the shopper sees is what the shop calls the item);</li>
 *   <li>read from the markup: dropped when it sits in a list of other products; −2 when the same
 *       label or marking holds other values too (the parts of a set, the sizes of a garment); a
 *       data attribute (which the shopper never sees) −2 when it shares only the page's outer layout
 *       with the title ({@link ProductArea}: a widget's, not the product's);</li>
 *   <li>−3 when the same value is also stated as the MPN (a SKU copied from the part number);</li>
 *   <li>−4 when it is part of the product's name; −2 when it holds spaces, −3 more when one of
 *       its words is prose ("Montre"); −1 without a digit;</li>
 *   <li>+1 when the page's URL carries it; +1 for each other place stating it (another source's
 *       field, another element; at most +2).</li>
 * </ul>
 * The highest score wins if it reaches {@value #MIN_SCORE} (ties: the earlier source in the
 * cascade). Every candidate, its score and its reasons go to {@code raw_data.sku_candidates}.
 */
final class SkuRanking {
    static final int MIN_SCORE = 5;
    private static final int MAX_LENGTH = 64;
    private static final int MAX_REPORTED = 12;

    /** A candidate with the source step it came from. */
    record Entry(SkuCandidate candidate, String source) {}

    /** A candidate after scoring. */
    record Scored(Entry entry, int score, List<String> reasons) {
        String value() {
            return entry.candidate().value();
        }
    }

    /** The ranking, best first, and the candidates set aside (with why). */
    record Result(List<Scored> ranked, List<Scored> dropped) {
        /** The chosen candidate, or null when none scored enough. */
        Scored best() {
            return ranked.isEmpty() || ranked.get(0).score() < MIN_SCORE ? null : ranked.get(0);
        }

        ArrayNode toJson() {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (int i = 0; i < ranked.size() && i < MAX_REPORTED; i++) {
                Scored s = ranked.get(i);
                ObjectNode o = describe(s, out.addObject());
                o.put("score", s.score());
                ArrayNode reasons = o.putArray("reasons");
                s.reasons().forEach(reasons::add);
            }
            for (int i = 0; i < dropped.size() && i < MAX_REPORTED; i++) {
                Scored s = dropped.get(i);
                describe(s, out.addObject()).put("dropped", String.join("; ", s.reasons()));
            }
            return out;
        }

        private static ObjectNode describe(Scored s, ObjectNode o) {
            o.put("value", s.value());
            o.put("kind", s.entry().candidate().kind().name().toLowerCase(Locale.ROOT));
            o.put("source", s.entry().source());
            o.put("where", s.entry().candidate().where());
            return o;
        }
    }

    /** What the page tells about a candidate besides the candidate itself. */
    interface PageFacts {
        /** Whether the page's visible text shows the value. */
        boolean shows(String value);

        /** The page URL, or null. */
        String url();

        /** Titles the product goes by (extracted title, heading, document title), lower-cased. */
        List<String> names();

        /** The product's place in the page, or null when there is no page. */
        ProductArea area();
    }

    private SkuRanking() {}

    static Result rank(List<Entry> entries, PageFacts facts) {
        Set<String> mpns = new HashSet<>();
        Map<String, Set<String>> stated = new HashMap<>();
        for (Entry e : entries) {
            String key = key(e.candidate().value());
            if (e.candidate().kind() == SkuCandidate.Kind.MPN) {
                mpns.add(key);
            }
            // One statement per place: a source's field, or an element of the page.
            stated.computeIfAbsent(key, k -> new HashSet<>()).add(e.source() + "/" + e.candidate().where() + "/"
                    + (e.candidate().element() == null ? 0 : System.identityHashCode(e.candidate().element())));
        }
        // Several different values under one label ("Article no." for each part of a set) list parts or variants.
        Map<String, Set<String>> valuesByLabel = new HashMap<>();
        for (Entry e : entries) {
            if (e.candidate().element() != null) {
                valuesByLabel.computeIfAbsent(e.candidate().kind() + "/" + e.candidate().where(), k -> new HashSet<>())
                        .add(key(e.candidate().value()));
            }
        }
        String url = facts.url() == null ? "" : key(facts.url());
        List<Scored> scored = new ArrayList<>();
        List<Scored> dropped = new ArrayList<>();
        for (Entry e : entries) {
            String why = dropReason(e, facts);
            if (why != null) {
                dropped.add(new Scored(e, 0, List.of(why)));
            } else {
                scored.add(score(e, facts, mpns, stated, valuesByLabel, url));
            }
        }
        // Stable sort: equal scores keep the cascade's order.
        scored.sort(Comparator.comparingInt(Scored::score).reversed());
        return new Result(scored, dropped);
    }

    /** Why a candidate cannot be the SKU at all, or null. */
    private static String dropReason(Entry e, PageFacts facts) {
        String v = e.candidate().value();
        if (v.length() > MAX_LENGTH || v.chars().filter(ch -> ch == ' ').count() > 3) {
            return "not an identifier (too long)";
        }
        if (key(v).isEmpty()) {
            return "not an identifier (no letter or digit)";
        }
        ProductArea area = facts.area();
        if (e.candidate().element() != null && area != null && area.inListing(e.candidate().element())) {
            return "in a list of other products";
        }
        return null;
    }

    private static Scored score(Entry e, PageFacts facts, Set<String> mpns, Map<String, Set<String>> stated,
            Map<String, Set<String>> valuesByLabel, String url) {
        SkuCandidate c = e.candidate();
        String v = c.value();
        String key = key(v);
        List<String> reasons = new ArrayList<>();
        int score = c.kind().base;
        reasons.add(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + c.kind().base);
        ProductArea area = facts.area();
        if (c.element() != null) {
            if (c.kind() == SkuCandidate.Kind.DATA_ATTRIBUTE && area != null && area.closeness(c.element()) < ProductArea.FAR) {
                score -= 2;
                reasons.add("hidden and far from the title -2");
            }
            int values = valuesByLabel.getOrDefault(c.kind() + "/" + c.where(), Set.of()).size();
            if (values > 1) {
                score -= 2;
                reasons.add("one of " + values + " values under the same label -2");
            }
        } else if (c.kind() != SkuCandidate.Kind.PLATFORM) {
            if (facts.shows(v)) {
                score += 1;
                reasons.add("shown on the page +1");
            } else {
                score -= 1;
                reasons.add("not shown on the page -1");
            }
        }
        if (c.kind() != SkuCandidate.Kind.MPN && c.kind() != SkuCandidate.Kind.LABELLED
                && c.kind() != SkuCandidate.Kind.MARKED && mpns.contains(key)) {
            score -= 3;
            reasons.add("also stated as the MPN -3");
        }
        if (partOfName(v, facts.names())) {
            score -= 4;
            reasons.add("part of the product name -4");
        }
        if (v.indexOf(' ') >= 0) {
            score -= 2;
            reasons.add("contains spaces -2");
            if (hasWord(v)) {
                score -= 3;
                reasons.add("contains a word -3");
            }
        }
        if (v.chars().noneMatch(Character::isDigit)) {
            score -= 1;
            reasons.add("no digit -1");
        }
        if (key.length() >= 4 && url.contains(key)) {
            score += 1;
            reasons.add("in the page URL +1");
        }
        int others = Math.min(2, stated.getOrDefault(key, Set.of()).size() - 1);
        if (others > 0) {
            score += others;
            reasons.add("stated in other places +" + others);
        }
        return new Scored(e, score, reasons);
    }

    /** Whether the value stands as a word in one of the product's names ("OPTIPLEX 9010" in "Dell OPTIPLEX 9010 i7"). */
    private static boolean partOfName(String value, List<String> names) {
        if (value.length() < 3) {
            return false;
        }
        String v = value.toLowerCase(Locale.ROOT);
        for (String name : names) {
            for (int i = name.indexOf(v); i >= 0; i = name.indexOf(v, i + 1)) {
                int end = i + v.length();
                if ((i == 0 || !Character.isLetterOrDigit(name.charAt(i - 1)))
                        && (end == name.length() || !Character.isLetterOrDigit(name.charAt(end)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A token of letters only with lower case in it ("Montre" in "Ca304103-0000 Montre"): prose, not a code. */
    private static boolean hasWord(String value) {
        for (String token : value.split(" ")) {
            if (token.length() >= 3 && token.chars().allMatch(Character::isLetter)
                    && token.chars().anyMatch(Character::isLowerCase)) {
                return true;
            }
        }
        return false;
    }

    /** Letters and digits only, lower-cased: "002.937.72" and "00293772" state the same identifier. */
    static String key(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }
}
