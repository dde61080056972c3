package dev.gleaner.scraper.extract;

import dev.gleaner.core.json.Json;
import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.PriceHints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;

/**
 * The last resort, for pages without structured data: the {@code h1}, stray {@code itemprop}s,
 * the meta description, zoomable gallery images, stock labels. (The price shown without
 * structured data is {@link HtmlPrice}'s.)
 */
final class HeuristicExtractor {
    static final String SOURCE = "html";

    private HeuristicExtractor() {}

    static Step extract(Page page, PriceHints hints) {
        Fields f = new Fields();
        for (Element h1 : page.headings()) {
            String t = Text.clean(h1.text());
            if (t != null && t.length() <= 300) {
                f.title = t;
                break;
            }
        }
        if (f.title == null && page.byId("productTitle") != null) {
            f.title = Text.clean(page.byId("productTitle").text());
        }
        if (f.title == null) {
            String site = page.meta("og:site_name");
            f.title = Titles.withoutSiteName(Text.clean(page.title()), site == null ? page.meta("application-name") : site, null);
        }
        f.description = Text.plain(page.meta("description"));

        strayItemprops(page, f);
        images(page, f);
        if (f.availability == null) {
            for (Element el : page.stockElements()) {
                String cls = (el.className() + " " + el.id()).toLowerCase(Locale.ROOT);
                String a = cls.contains("out-of-stock") || cls.contains("outofstock") ? Availability.OUT_OF_STOCK
                        : cls.contains("in-stock") || cls.contains("instock") ? Availability.IN_STOCK : null;
                if (a == null) {
                    String text = el.text();
                    a = text.length() <= 120 ? Availability.normalise(text) : null;
                }
                if (a != null) {
                    f.availability = a;
                    break;
                }
            }
        }
        if (f.brand == null && page.byId("bylineInfo") != null) {
            f.brand = byline(page.byId("bylineInfo").text());
        }
        return new Step(SOURCE, f, null, null);
    }

    private static void strayItemprops(Page page, Fields f) {
        for (Element el : page.itemProps()) {
            String prop = el.attr("itemprop").trim().toLowerCase(Locale.ROOT);
            String value = el.hasAttr("content") ? el.attr("content") : el.normalName().equals("link") ? el.attr("href") : el.text();
            switch (prop) {
                case "availability" -> {
                    if (f.availability == null) {
                        f.availability = Availability.normalise(value);
                    }
                }
                case "sku" -> f.sku(SkuCandidate.Kind.SKU, value, "itemprop=sku", el);
                case "productid" -> f.sku(SkuCandidate.Kind.PRODUCT_ID, value, "itemprop=productID", el);
                case "mpn" -> f.sku(SkuCandidate.Kind.MPN, value, "itemprop=mpn", el);
                case "gtin", "gtin8", "gtin12", "gtin13", "gtin14", "isbn" ->
                        f.sku(SkuCandidate.Kind.GTIN, value, "itemprop=" + prop, el);
                case "ratingvalue" -> {
                    if (f.rating == null) {
                        f.rating = parseDouble(value);
                    }
                }
                case "reviewcount", "ratingcount" -> {
                    if (f.reviewCount == null) {
                        f.reviewCount = SchemaProduct.count(Json.MAPPER.getNodeFactory().textNode(value));
                    }
                }
                case "brand" -> {
                    if (f.brand == null && !el.hasAttr("itemscope")) {
                        f.brand = Text.clean(value);
                    }
                }
                default -> { }
            }
        }
    }

    private static Double parseDouble(String v) {
        try {
            double d = Double.parseDouble(v.trim().replace(',', '.'));
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void images(Page page, Fields f) {
        List<String> raw = new ArrayList<>();
        Element landing = page.byId("landingImage");
        if (landing != null) {
            raw.add(landing.hasAttr("data-old-hires") && !landing.attr("data-old-hires").isBlank()
                    ? landing.attr("data-old-hires") : landing.attr("src"));
        }
        for (Element el : page.imageElements()) {
            if (el.normalName().equals("img")) {
                for (String a : new String[] {"data-zoom-image", "data-large_image", "data-old-hires"}) {
                    if (!el.attr(a).isBlank()) {
                        raw.add(el.attr(a));
                        break;
                    }
                }
            } else {
                Element link = el.selectFirst("a[href]");
                if (link != null) {
                    raw.add(link.attr("href"));
                }
            }
        }
        for (Element link : page.links()) {
            if ("image_src".equalsIgnoreCase(link.attr("rel"))) {
                raw.add(link.attr("href"));
            }
        }
        for (Element el : page.itemProps()) {
            if ("image".equalsIgnoreCase(el.attr("itemprop"))) {
                raw.add(el.hasAttr("content") ? el.attr("content") : el.hasAttr("src") ? el.attr("src") : el.attr("href"));
            }
        }
        f.images.addAll(Urls.absoluteUnique(page.url(), raw));
    }

    /** Amazon's byline: "Visit the Acme Store" / "Brand: Acme". */
    private static String byline(String text) {
        String t = Text.clean(text);
        if (t == null) {
            return null;
        }
        t = t.replaceFirst("(?i)^visit the\\s+", "").replaceFirst("(?i)\\s+store$", "").replaceFirst("(?i)^brand:\\s*", "");
        return t.isEmpty() || t.length() > 100 ? null : t;
    }
}
