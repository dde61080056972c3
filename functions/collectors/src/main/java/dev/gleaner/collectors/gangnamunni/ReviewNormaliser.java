package dev.gleaner.collectors.gangnamunni;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.collectors.support.Fields;
import dev.gleaner.collectors.support.Prices;
import dev.gleaner.collectors.support.RecordBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Review fields (rating, procedure, hospital, cost) for a 발품후기 post. The community API has no
 * such fields today, so structured keys are tried first (in case it grows them) and then the
 * labelled lines writers commonly use ("병원: OO성형외과", "비용: 250만원"). Anything not found stays null.
 */
final class ReviewNormaliser {
    private static final Pattern RATING = label("별점|평점|만족도");
    private static final Pattern HOSPITAL = label("병원명|병원\\s*이름|상담\\s*병원|방문\\s*병원|수술\\s*병원|병원");
    private static final Pattern PROCEDURE = label("시술명|수술명|받은\\s*시술|받은\\s*수술|시술\\s*부위|수술\\s*부위|상담\\s*부위|시술|수술");
    private static final Pattern COST = label("총\\s*비용|상담\\s*비용|시술비|수술비|견적가|견적|비용|가격|금액");
    private static final Pattern NUMBER = Pattern.compile("^(\\d{1,2}(?:\\.\\d)?)");
    private static final int MAX_VALUE_LENGTH = 100;

    private ReviewNormaliser() {}

    private static Pattern label(String names) {
        return Pattern.compile("(?m)^[\\s\\-•*·▶☞✔️]*(?:" + names + ")\\s*[:：]\\s*(.+?)\\s*$");
    }

    static void apply(JsonNode item, String text, RecordBuilder b) {
        Double rating = first(Fields.doubleValue(item, "rating"), Fields.doubleValue(item, "totalRating"),
                Fields.doubleValue(item, "starScore"));
        if (rating == null) {
            String r = find(RATING, text);
            Matcher m = r == null ? null : NUMBER.matcher(r);
            if (m != null && m.find()) {
                rating = Double.parseDouble(m.group(1));
            }
        }
        String hospital = first(Fields.text(item, "hospitalName"), Fields.text(item, "hospital.name"),
                item.path("hospital").isTextual() ? Fields.text(item, "hospital") : null, find(HOSPITAL, text));
        String procedure = first(Fields.text(item, "treatmentName"), Fields.text(item, "surgeryName"),
                names(item.path("treatments")), find(PROCEDURE, text));
        Long price = first(Prices.krw(item.get("totalCost")), Prices.krw(item.get("cost")), Prices.krw(item.get("price")));
        if (price == null) {
            String p = find(COST, text);
            price = p == null ? null : Prices.parse(p);
        }
        b.rating(rating).hospital(hospital).procedure(procedure).price(price);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String find(Pattern p, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return null;
        }
        String v = m.group(1).trim();
        if (v.isEmpty()) {
            return null;
        }
        return v.length() > MAX_VALUE_LENGTH ? v.substring(0, MAX_VALUE_LENGTH) : v;
    }

    static String names(JsonNode arr) {
        if (arr == null || !arr.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : arr) {
            String s = n.isObject() ? Fields.text(n, "name") : n.isTextual() ? n.textValue().trim() : null;
            if (s != null && !s.isEmpty() && !out.contains(s)) {
                out.add(s);
            }
        }
        return out.isEmpty() ? null : String.join(", ", out);
    }
}
