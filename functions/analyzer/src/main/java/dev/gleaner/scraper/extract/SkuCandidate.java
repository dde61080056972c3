package dev.gleaner.scraper.extract;

import org.jsoup.nodes.Element;

/**
 * One identifier a source states for the product, before {@link SkuRanking} chooses between
 * them.
 *
 * @param value   the identifier as written (cleaned)
 * @param kind    what the source says it is
 * @param where   where it was read, for {@code raw_data}: {@code sku}, {@code offers.sku},
 *                {@code label "Art.-Nr."}, {@code data-product-id}...
 * @param element the element it was read from, for identifiers read from the page's markup (null
 *                for structured data): decides how close it is to the product's title
 */
record SkuCandidate(String value, Kind kind, String where, Element element) {
    /** What kind of identifier it is, by what the source calls it; the base of its score. */
    enum Kind {
        /** A platform's own product identifier (Amazon's ASIN, a Shopify variant's SKU...). */
        PLATFORM(12),
        /** schema.org {@code sku} of the product or of its offer, or {@code product:retailer_item_id}. */
        SKU(10),
        /** A visible value labelled as the shop's item number ("SKU:", "Art.-Nr.", "商品編號"...). */
        LABELLED(10),
        /** A visible element whose attributes name it the product's code ({@code class="sku"}, {@code data-qa="product-reference"}). */
        MARKED(8),
        /** The SKU of a variant, or of another {@code Product} block for the same product (one per size). */
        VARIANT(7),
        /** schema.org {@code productID}, or a visible "ID" label ("Item ID", "post id", "딜번호"). */
        PRODUCT_ID(7),
        /** A {@code data-product-id}, {@code data-pid}, {@code data-sku} attribute near the product. */
        DATA_ATTRIBUTE(5),
        /**
         * A GTIN (EAN, UPC, ISBN): globally unique, so an acceptable SKU when nothing better is
         * stated and the page confirms it (shows it, or states it twice).
         */
        GTIN(4),
        /** The manufacturer's part number (or "Model"): often part of the name, rarely the shop's SKU. */
        MPN(3);

        final int base;

        Kind(int base) {
            this.base = base;
        }
    }
}
