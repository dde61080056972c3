package dev.gleaner.scraper.extract;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns schema.org values ({@code https://schema.org/InStock}), OpenGraph values
 * ({@code in stock}, {@code oos}) and shop wording (English, Korean, Japanese, Chinese, German,
 * French, Spanish...) into one readable word: "In Stock", "Out of Stock", "Pre-Order"...
 */
public final class Availability {
    public static final String IN_STOCK = "In Stock";
    public static final String OUT_OF_STOCK = "Out of Stock";
    public static final String SOLD_OUT = "Sold Out";
    public static final String PRE_ORDER = "Pre-Order";
    public static final String PRE_SALE = "Pre-Sale";
    public static final String BACK_ORDER = "Back Order";
    public static final String DISCONTINUED = "Discontinued";
    public static final String LIMITED = "Limited Availability";
    public static final String IN_STORE_ONLY = "In Store Only";
    public static final String ONLINE_ONLY = "Online Only";
    public static final String MADE_TO_ORDER = "Made to Order";
    public static final String RESERVED = "Reserved";

    private static final Map<String, String> CODES = new LinkedHashMap<>();

    static {
        CODES.put("instock", IN_STOCK);
        CODES.put("outofstock", OUT_OF_STOCK);
        CODES.put("oos", OUT_OF_STOCK);
        CODES.put("soldout", SOLD_OUT);
        CODES.put("preorder", PRE_ORDER);
        CODES.put("presale", PRE_SALE);
        CODES.put("backorder", BACK_ORDER);
        CODES.put("discontinued", DISCONTINUED);
        CODES.put("limitedavailability", LIMITED);
        CODES.put("instoreonly", IN_STORE_ONLY);
        CODES.put("onlineonly", ONLINE_ONLY);
        CODES.put("madetoorder", MADE_TO_ORDER);
        CODES.put("reserved", RESERVED);
        CODES.put("availablefororder", IN_STOCK);
        CODES.put("available", IN_STOCK);
        CODES.put("unavailable", OUT_OF_STOCK);
        CODES.put("pending", PRE_ORDER);
        CODES.put("true", IN_STOCK);
        CODES.put("false", OUT_OF_STOCK);
    }

    // Checked in order: negatives before positives ("not available" contains "available").
    private static final String[][] PHRASES = {
        {"sold out", SOLD_OUT}, {"품절", SOLD_OUT}, {"売り切れ", SOLD_OUT}, {"完売", SOLD_OUT}, {"售罄", SOLD_OUT},
        {"ausverkauft", SOLD_OUT}, {"épuisé", SOLD_OUT}, {"agotado", SOLD_OUT}, {"esaurito", SOLD_OUT},
        {"tükendi", SOLD_OUT}, {"uitverkocht", SOLD_OUT}, {"esgotado", SOLD_OUT}, {"slutsåld", SOLD_OUT},
        {"stokta yok", OUT_OF_STOCK}, {"niet op voorraad", OUT_OF_STOCK}, {"slut i lager", OUT_OF_STOCK},
        {"tillfälligt slut", OUT_OF_STOCK}, {"niedostępny", OUT_OF_STOCK}, {"indisponível", OUT_OF_STOCK},
        {"out of stock", OUT_OF_STOCK}, {"out-of-stock", OUT_OF_STOCK}, {"not in stock", OUT_OF_STOCK},
        {"currently unavailable", OUT_OF_STOCK}, {"not available", OUT_OF_STOCK}, {"unavailable", OUT_OF_STOCK},
        {"재고 없음", OUT_OF_STOCK}, {"재고없음", OUT_OF_STOCK}, {"在庫切れ", OUT_OF_STOCK}, {"在庫なし", OUT_OF_STOCK},
        {"缺货", OUT_OF_STOCK}, {"无货", OUT_OF_STOCK}, {"nicht verfügbar", OUT_OF_STOCK}, {"nicht auf lager", OUT_OF_STOCK},
        {"rupture de stock", OUT_OF_STOCK}, {"indisponible", OUT_OF_STOCK}, {"sin stock", OUT_OF_STOCK},
        {"no disponible", OUT_OF_STOCK}, {"non disponibile", OUT_OF_STOCK}, {"brak w magazynie", OUT_OF_STOCK},
        {"discontinued", DISCONTINUED}, {"no longer available", DISCONTINUED}, {"단종", DISCONTINUED},
        {"pre-order", PRE_ORDER}, {"preorder", PRE_ORDER}, {"pre order", PRE_ORDER}, {"예약", PRE_ORDER},
        {"予約", PRE_ORDER}, {"vorbestell", PRE_ORDER}, {"précommande", PRE_ORDER}, {"reserva", PRE_ORDER},
        {"backorder", BACK_ORDER}, {"back order", BACK_ORDER}, {"back-order", BACK_ORDER},
        {"only a few left", LIMITED}, {"limited stock", LIMITED}, {"low stock", LIMITED}, {"few left", LIMITED},
        {"in store only", IN_STORE_ONLY}, {"in-store only", IN_STORE_ONLY},
        {"in stock", IN_STOCK}, {"in-stock", IN_STOCK}, {"instock", IN_STOCK}, {"available", IN_STOCK},
        {"add to cart", IN_STOCK}, {"add to bag", IN_STOCK}, {"재고 있음", IN_STOCK}, {"구매 가능", IN_STOCK},
        {"구매가능", IN_STOCK}, {"在庫あり", IN_STOCK}, {"有货", IN_STOCK}, {"有現貨", IN_STOCK}, {"auf lager", IN_STOCK},
        {"lieferbar", IN_STOCK}, {"verfügbar", IN_STOCK}, {"en stock", IN_STOCK}, {"disponible", IN_STOCK},
        {"disponibile", IN_STOCK}, {"op voorraad", IN_STOCK}, {"w magazynie", IN_STOCK}, {"på lager", IN_STOCK},
        {"i lager", IN_STOCK}, {"em estoque", IN_STOCK}, {"stokta var", IN_STOCK}, {"stokta", IN_STOCK},
        {"dostępny", IN_STOCK}, {"disponível", IN_STOCK}
    };

    private Availability() {}

    /** A readable word, or null when the text says nothing recognisable. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.trim();
        if (v.isEmpty()) {
            return null;
        }
        // Schema.org URL or prefixed name: keep the last path segment.
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.contains("schema.org") || lower.startsWith("schema:")) {
            int cut = Math.max(v.lastIndexOf('/'), v.lastIndexOf(':'));
            lower = lower.substring(cut + 1);
        }
        String key = lower.replaceAll("[^\\p{L}\\p{N}]", "");
        String byCode = CODES.get(key);
        if (byCode != null) {
            return byCode;
        }
        if (lower.length() > 200) {
            lower = lower.substring(0, 200);
        }
        for (String[] phrase : PHRASES) {
            if (lower.contains(phrase[0])) {
                return phrase[1];
            }
        }
        return null;
    }
}
