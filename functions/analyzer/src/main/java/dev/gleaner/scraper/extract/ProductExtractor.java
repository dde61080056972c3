package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.PriceHints;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The extraction cascade. Each field takes the first value found, in this order: the platform's
 * own data (Shopify), JSON-LD, microdata, OpenGraph/product meta tags, then HTML heuristics.
 * Price and currency travel together where possible; images come from the first source that
 * has any. {@code raw_data} records which source gave each field and the structured data read.
 */
public final class ProductExtractor {
    /** raw_data is stored with the task (DynamoDB items max 400 KB): keep it well below. */
    static final int MAX_RAW_CHARS = 64 * 1024;

    private final ProductJsonFetcher fetcher;

    public ProductExtractor() {
        this(ProductJsonFetcher.NONE);
    }

    public ProductExtractor(ProductJsonFetcher fetcher) {
        this.fetcher = fetcher == null ? ProductJsonFetcher.NONE : fetcher;
    }

    /**
     * @param platform the detected platform (null if none): decides the platform-specific steps
     */
    public ProductInfo extract(Page page, String platform) {
        PriceHints hints = PriceHints.forUrl(page.url());
        List<Step> steps = new ArrayList<>();
        // Where a platform keeps its product in its own data or markup, that comes first.
        if ("naver_smartstore".equals(platform)) {
            Step naver = NaverSmartStoreExtractor.extract(page);
            if (naver != null) {
                steps.add(naver);
            }
        } else if ("amazon".equals(platform)) {
            steps.add(AmazonExtractor.extract(page, hints));
        } else if ("coupang".equals(platform)) {
            steps.add(CoupangExtractor.extract(page, hints));
        } else if ("opencart".equals(platform)) {
            steps.add(OpenCartExtractor.extract(page, hints));
        }
        if ("shopify".equals(platform) || !page.productJsonScripts().isEmpty()) {
            steps.addAll(ShopifyExtractor.extract(page, hints, "shopify".equals(platform) ? fetcher : null));
        }
        steps.add(JsonLdExtractor.extract(page, hints));
        steps.add(MicrodataExtractor.extract(page, hints));
        steps.add(OpenGraphExtractor.extract(page, hints));
        steps.add(HeuristicExtractor.extract(page, hints));
        return merge(steps, hints, page, platform);
    }

    static ProductInfo merge(List<Step> steps, PriceHints hints, Page page, String platform) {
        Map<String, String> sources = new LinkedHashMap<>();
        Fields out = new Fields();
        List<SkuRanking.Entry> identifiers = new ArrayList<>();
        for (Step step : steps) {
            mergeStep(out, step, sources, identifiers);
        }
        Facts facts = new Facts(page, out.title);
        if (page != null) {
            // Always read: labelled and marked identifiers compete with structured data for the SKU.
            mergeStep(out, LabelledValues.extract(page), sources, identifiers);
            mergeStep(out, IdentifierMarkup.extract(page), sources, identifiers);
            // Reading the page for these is not free: only when the steps above left the field empty.
            if (out.price == null) {
                Step html = HtmlPrice.extract(page, hints, facts.area());
                mergeStep(out, html, sources, identifiers);
                steps = new ArrayList<>(steps);
                steps.add(html); // for raw_data.price_candidates
            }
            if (out.rating == null) {
                mergeStep(out, ReviewWidgets.extract(page), sources, identifiers);
            }
            if (out.availability == null) {
                mergeStep(out, BuyButtons.extract(page), sources, identifiers);
            }
            // Structured data often lists one photo where the gallery shows them all.
            List<String> chosen = GalleryImages.choose(out.images, GalleryImages.find(page, platform));
            if (!chosen.equals(out.images)) {
                boolean fromGallery = chosen.size() > GalleryImages.distinct(out.images).size();
                out.images.clear();
                out.images.addAll(chosen);
                if (fromGallery) {
                    sources.put("images", GalleryImages.SOURCE);
                }
            }
        }
        if (out.price != null && out.currency == null) {
            String fallback = hints.currencyHint() != null ? hints.currencyHint() : hints.countryCurrency();
            if (fallback != null) {
                out.currency = fallback;
                sources.put("currency", "domain");
            }
        }
        if (out.rating != null && (out.rating < 0 || out.rating > 100)) {
            out.rating = null;
            sources.remove("rating");
        }
        SkuRanking.Result skus = SkuRanking.rank(identifiers, facts);
        SkuRanking.Scored sku = skus.best();
        if (sku != null) {
            sources.put("sku", sku.entry().source());
        }

        ObjectNode raw = Json.object();
        raw.set("sources", Json.tree(sources));
        if (!skus.ranked().isEmpty() || !skus.dropped().isEmpty()) {
            raw.set("sku_candidates", skus.toJson());
        }
        for (Step step : steps) {
            if (step.rawKey() != null && step.raw() != null && !raw.has(step.rawKey())) {
                raw.set(step.rawKey(), step.raw());
            }
        }
        bound(raw);
        return ProductInfo.builder().title(out.title).price(out.price).currency(out.currency)
                .description(out.description).images(out.images).availability(out.availability).rating(out.rating)
                .reviewCount(out.reviewCount).seller(out.seller).brand(out.brand).sku(sku == null ? null : sku.value()).category(out.category)
                .specifications(out.specifications).rawData(raw).build();
    }

    /** What the SKU ranking asks of the page, worked out only when asked. */
    private static final class Facts implements SkuRanking.PageFacts {
        private final Page page;
        private final String title;
        private ProductArea area;
        private List<String> names;

        Facts(Page page, String title) {
            this.page = page;
            this.title = title;
        }

        @Override
        public boolean shows(String value) {
            return page != null && page.shows(value);
        }

        @Override
        public String url() {
            return page == null ? null : page.url();
        }

        @Override
        public List<String> names() {
            if (names == null) {
                names = new ArrayList<>();
                if (title != null) {
                    names.add(title.toLowerCase(Locale.ROOT));
                }
                if (page != null) {
                    ProductArea a = area();
                    if (a != null && a.title() != null) {
                        names.add(a.title().text().toLowerCase(Locale.ROOT));
                    }
                    names.add(page.title().toLowerCase(Locale.ROOT));
                }
            }
            return names;
        }

        @Override
        public ProductArea area() {
            if (area == null && page != null) {
                area = ProductArea.of(page, title);
            }
            return area;
        }
    }

    /** Each field keeps the first value found; price and currency travel together; identifiers are all kept. */
    private static void mergeStep(Fields out, Step step, Map<String, String> sources, List<SkuRanking.Entry> identifiers) {
        Fields f = step.fields();
        String src = step.source();
        out.title = take(out.title, f.title, "title", src, sources);
        if (out.price == null && f.price != null) {
            out.price = f.price;
            sources.put("price", src);
            if (f.currency != null) {
                out.currency = f.currency;
                sources.put("currency", src);
            }
        } else if (out.price != null && out.currency == null && f.currency != null && f.price != null
                && f.price.compareTo(out.price) == 0) {
            // Same amount elsewhere, with its currency stated.
            out.currency = f.currency;
            sources.put("currency", src);
        }
        out.description = take(out.description, f.description, "description", src, sources);
        if (out.images.isEmpty() && !f.images.isEmpty()) {
            out.images.addAll(f.images);
            sources.put("images", src);
        }
        out.availability = take(out.availability, f.availability, "availability", src, sources);
        if (out.rating == null && f.rating != null) {
            out.rating = f.rating;
            sources.put("rating", src);
            // A count belongs with its rating: take it from the same source when there is one.
            if (out.reviewCount == null && f.reviewCount != null) {
                out.reviewCount = f.reviewCount;
                sources.put("review_count", src);
            }
        }
        out.reviewCount = take(out.reviewCount, f.reviewCount, "review_count", src, sources);
        out.seller = take(out.seller, f.seller, "seller", src, sources);
        out.brand = take(out.brand, f.brand, "brand", src, sources);
        for (SkuCandidate c : f.skus) {
            identifiers.add(new SkuRanking.Entry(c, src));
        }
        out.category = take(out.category, f.category, "category", src, sources);
        if (out.specifications.isEmpty() && !f.specifications.isEmpty()) {
            out.specifications.putAll(f.specifications);
            sources.put("specifications", src);
        }
    }

    private static <T> T take(T current, T candidate, String field, String source, Map<String, String> sources) {
        if (current == null && candidate != null) {
            sources.put(field, source);
            return candidate;
        }
        return current;
    }

    /** Drops review lists first, then whole sections (largest first), until raw_data is small enough. */
    static void bound(ObjectNode raw) {
        if (Json.write(raw).length() <= MAX_RAW_CHARS) {
            return;
        }
        removeKeysDeep(raw, List.of("review", "reviews", "body_html", "description"), 0);
        while (Json.write(raw).length() > MAX_RAW_CHARS) {
            String largest = null;
            int size = -1;
            for (Iterator<String> it = raw.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.equals("sources") || k.equals("truncated")) {
                    continue;
                }
                int s = Json.write(raw.get(k)).length();
                if (s > size) {
                    largest = k;
                    size = s;
                }
            }
            if (largest == null) {
                break;
            }
            raw.put(largest, "omitted: larger than " + (MAX_RAW_CHARS / 1024) + " KB");
        }
        raw.put("truncated", true);
    }

    private static void removeKeysDeep(JsonNode node, List<String> keys, int depth) {
        if (depth > 20 || node == null) {
            return;
        }
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            o.remove(keys);
            o.elements().forEachRemaining(child -> removeKeysDeep(child, keys, depth + 1));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> removeKeysDeep(child, keys, depth + 1));
        }
    }
}
