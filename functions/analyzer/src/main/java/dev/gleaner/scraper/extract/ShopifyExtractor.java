package dev.gleaner.scraper.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.scraper.page.Page;
import dev.gleaner.scraper.price.PriceHints;
import dev.gleaner.scraper.price.PriceParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Shopify's own data, richest first: the store's {@code /products/{handle}.json} (through a
 * {@link ProductJsonFetcher}), the theme's {@code ProductJson} script, then the analytics
 * {@code meta} object. Prices in theme and analytics JSON are in cents (Shopify writes every
 * currency, even yen and won, times 100); the {@code .json} endpoint has decimal strings.
 */
final class ShopifyExtractor {
    static final String SOURCE_ENDPOINT = "shopify-product-endpoint";
    static final String SOURCE_SCRIPT = "shopify-product-json";
    static final String SOURCE_ANALYTICS = "shopify-analytics";

    private static final Pattern ACTIVE_CURRENCY = Pattern.compile("Shopify\\.currency\\s*=\\s*\\{[^}]*?\"active\"\\s*:\\s*\"([A-Z]{3})\"");
    private static final Pattern META_CURRENCY = Pattern.compile("ShopifyAnalytics\\.meta\\.currency\\s*=\\s*['\"]([A-Z]{3})['\"]");
    private static final Pattern META_OBJECT = Pattern.compile("(?:var\\s+meta|ShopifyAnalytics\\.meta)\\s*=\\s*(?=\\{)");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ShopifyExtractor() {}

    static List<Step> extract(Page page, PriceHints hints, ProductJsonFetcher fetcher) {
        List<Step> steps = new ArrayList<>();
        String currency = storeCurrency(page);
        PriceHints h = currency == null ? hints : hints.withPriceCurrency(currency);
        Step endpoint = fromEndpoint(page, h, fetcher);
        if (endpoint != null) {
            steps.add(endpoint);
        }
        for (Element script : page.productJsonScripts()) {
            JsonNode product = LenientJson.parse(script.data());
            if (product != null && !product.has("title") && product.path("product").has("title")) {
                product = product.get("product"); // themes such as Prestige wrap it: {"product": {...}, "selected_variant_id": ...}
            }
            if (product != null && product.isObject() && product.has("title")) {
                steps.add(new Step(SOURCE_SCRIPT, fromThemeJson(product, page.url(), h), "shopify_product_json", product));
                break;
            }
        }
        Step analytics = fromAnalytics(page, h);
        if (analytics != null) {
            steps.add(analytics);
        }
        return steps;
    }

    /** {@code https://shop/products/tee.json} for a product URL (also under /collections/x/ or a locale), or null. */
    static String productJsonUrl(String pageUrl) {
        if (pageUrl == null) {
            return null;
        }
        try {
            URI u = new URI(pageUrl.trim());
            if (u.getScheme() == null || u.getHost() == null || u.getRawPath() == null) {
                return null;
            }
            String[] parts = u.getRawPath().split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                if (parts[i].equals("products") && !parts[i + 1].isEmpty()) {
                    String handle = parts[i + 1].replaceAll("\\.(json|js|oembed|xml)$", "");
                    if (!handle.matches("[\\p{L}\\p{N}%._~-]+")) {
                        return null;
                    }
                    String port = u.getPort() > 0 ? ":" + u.getPort() : "";
                    return u.getScheme() + "://" + u.getHost() + port + "/products/" + handle + ".json";
                }
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    private static Step fromEndpoint(Page page, PriceHints hints, ProductJsonFetcher fetcher) {
        if (fetcher == null || fetcher == ProductJsonFetcher.NONE) {
            return null;
        }
        String url = productJsonUrl(page.url());
        if (url == null) {
            return null;
        }
        Optional<String> body;
        try {
            body = fetcher.fetch(url);
        } catch (RuntimeException e) {
            return null; // the page itself still has data
        }
        if (body == null || body.isEmpty()) {
            return null;
        }
        JsonNode root = LenientJson.parse(body.get());
        JsonNode product = root == null ? null : root.get("product");
        if (product == null || !product.isObject()) {
            return null;
        }
        Fields f = described(product, "body_html", "product_type");
        f.images.addAll(Urls.absoluteUnique(page.url(), imageSources(product)));
        BigDecimal min = null;
        for (JsonNode v : SchemaProduct.iterable(product.get("variants"))) {
            BigDecimal p = PriceParser.parseAmount(SchemaProduct.text(v.get("price")), hints.priceCurrency());
            if (p != null && (min == null || p.compareTo(min) < 0)) {
                min = p;
            }
            if (f.skus.isEmpty()) {
                f.sku(SkuCandidate.Kind.PLATFORM, SchemaProduct.text(v.get("sku")), "variants[].sku");
            }
        }
        f.price = min;
        f.currency = min == null ? null : hints.priceCurrency();
        return new Step(SOURCE_ENDPOINT, f, "shopify_product_endpoint", product);
    }

    private static Fields fromThemeJson(JsonNode product, String baseUrl, PriceHints hints) {
        Fields f = described(product, "description", "type");
        List<String> images = imageSources(product);
        if (images.isEmpty()) {
            String featured = SchemaProduct.text(product.get("featured_image"));
            if (featured != null) {
                images.add(featured);
            }
        }
        f.images.addAll(Urls.absoluteUnique(baseUrl, images));
        BigDecimal cents = cents(product.get("price"));
        if (cents == null) {
            cents = cents(product.get("price_min"));
        }
        JsonNode firstAvailable = null;
        for (JsonNode v : SchemaProduct.iterable(product.get("variants"))) {
            if (firstAvailable == null && (!v.has("available") || v.get("available").asBoolean(false))) {
                firstAvailable = v;
            }
            if (cents == null) {
                cents = cents(v.get("price"));
            }
        }
        JsonNode variant = firstAvailable != null ? firstAvailable : SchemaProduct.first(product.get("variants"));
        if (variant != null) {
            f.sku(SkuCandidate.Kind.PLATFORM, SchemaProduct.text(variant.get("sku")), "variants[].sku");
        }
        if (cents != null) {
            f.price = fromCents(cents);
            f.currency = hints.priceCurrency();
        }
        if (product.has("available")) {
            f.availability = product.get("available").asBoolean(false) ? Availability.IN_STOCK : Availability.OUT_OF_STOCK;
        }
        return f;
    }

    /**
     * Title, description, brand (vendor) and category of a Shopify product object; the product
     * endpoint and the theme JSON name the description and the type differently.
     */
    private static Fields described(JsonNode product, String descriptionField, String typeField) {
        Fields f = new Fields();
        f.title = Text.clean(SchemaProduct.text(product.get("title")));
        f.description = Text.truncate(Text.plain(SchemaProduct.text(product.get(descriptionField))), 10_000);
        f.brand = Text.clean(SchemaProduct.text(product.get("vendor")));
        f.category = Text.clean(SchemaProduct.text(product.get(typeField)));
        return f;
    }

    /** The product's image URLs as given ({@code images[]}: objects with {@code src}, or plain strings). */
    private static List<String> imageSources(JsonNode product) {
        List<String> images = new ArrayList<>();
        for (JsonNode img : SchemaProduct.iterable(product.get("images"))) {
            String src = img.isObject() ? SchemaProduct.text(img.get("src")) : SchemaProduct.text(img);
            if (src != null) {
                images.add(src);
            }
        }
        return images;
    }

    private static Step fromAnalytics(Page page, PriceHints hints) {
        for (Element script : page.inlineScripts()) {
            String js = script.data();
            if (!js.contains("meta")) {
                continue;
            }
            Matcher m = META_OBJECT.matcher(js);
            while (m.find()) {
                String obj = LenientJson.objectAt(js, m.end());
                JsonNode meta = obj == null ? null : LenientJson.parse(obj);
                JsonNode product = meta == null ? null : meta.get("product");
                if (product == null || !product.isObject()) {
                    continue;
                }
                Fields f = new Fields();
                f.brand = Text.clean(SchemaProduct.text(product.get("vendor")));
                f.category = Text.clean(SchemaProduct.text(product.get("type")));
                BigDecimal min = null;
                String selected = selectedVariant(page);
                for (JsonNode v : SchemaProduct.iterable(product.get("variants"))) {
                    BigDecimal c = cents(v.get("price"));
                    if (c != null && (min == null || c.compareTo(min) < 0)) {
                        min = c;
                    }
                    if (selected != null && selected.equals(SchemaProduct.text(v.get("id")))) {
                        f.sku(SkuCandidate.Kind.PLATFORM, SchemaProduct.text(v.get("sku")), "selected variant sku");
                    }
                }
                if (f.skus.isEmpty() && selected == null) {
                    // Without the page's choice, the first variant's SKU stands for the product.
                    JsonNode first = SchemaProduct.first(product.get("variants"));
                    if (first != null) {
                        f.sku(SkuCandidate.Kind.PLATFORM, SchemaProduct.text(first.get("sku")), "variants[0].sku");
                    }
                }
                if (min != null) {
                    f.price = fromCents(min);
                    f.currency = hints.priceCurrency();
                }
                return new Step(SOURCE_ANALYTICS, f, "shopify_analytics", product);
            }
        }
        return null;
    }

    private static final Pattern VARIANT_PARAM = Pattern.compile("[?&]variant=(\\d+)");

    /**
     * The variant the page shows: {@code ?variant=} in its URL, else the product form's
     * {@code <input name="id">} (the first available variant, which Shopify selects); null if unknown.
     */
    static String selectedVariant(Page page) {
        if (page.url() != null) {
            Matcher m = VARIANT_PARAM.matcher(page.url());
            if (m.find()) {
                return m.group(1);
            }
        }
        // Read from the markup after the product form's action: cheaper than a DOM query on a large page.
        String html = page.html();
        Matcher m = ID_FIELD.matcher(html);
        boolean found = false;
        // "/cart/add" also appears in theme scripts: try its first few occurrences.
        for (int form = html.indexOf("/cart/add"), tries = 0; form >= 0 && tries < 6 && !found;
                form = html.indexOf("/cart/add", form + 1), tries++) {
            m.region(form, Math.min(html.length(), form + 6000));
            found = m.find();
        }
        if (!found) {
            return null;
        }
        String tag = m.group();
        Matcher value = ID_VALUE.matcher(tag);
        if (tag.startsWith("<input")) {
            return value.find() ? value.group(1) : null;
        }
        Matcher option = SELECTED_OPTION.matcher(html);
        option.region(m.end(), Math.min(html.length(), m.end() + 4000));
        return option.find() ? option.group(1) != null ? option.group(1) : option.group(2) : null;
    }

    private static final Pattern ID_FIELD = Pattern.compile("<(?:input|select)\\b[^>]*\\bname=[\"']id[\"'][^>]*>");
    private static final Pattern ID_VALUE = Pattern.compile("\\bvalue=[\"'](\\d{1,20})[\"']");
    private static final Pattern SELECTED_OPTION = Pattern.compile(
            "<option\\b[^>]*?(?:\\bselected\\b[^>]*?\\bvalue=[\"'](\\d{1,20})[\"']|\\bvalue=[\"'](\\d{1,20})[\"'][^>]*?\\bselected\\b)");

    private static String storeCurrency(Page page) {
        for (Element script : page.inlineScripts()) {
            String js = script.data();
            if (!js.contains("Shopify")) {
                continue;
            }
            Matcher m = ACTIVE_CURRENCY.matcher(js);
            if (m.find()) {
                return m.group(1);
            }
            m = META_CURRENCY.matcher(js);
            if (m.find()) {
                return m.group(1);
            }
        }
        String og = page.meta("og:price:currency");
        return og != null ? og : page.meta("product:price:currency");
    }

    private static BigDecimal cents(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String t = SchemaProduct.text(node);
        if (t == null) {
            return null;
        }
        try {
            return new BigDecimal(t.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal fromCents(BigDecimal cents) {
        BigDecimal v = cents.divide(HUNDRED, 2, RoundingMode.HALF_UP).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }
}
