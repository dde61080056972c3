package dev.gleaner.scraper.detect;

import dev.gleaner.scraper.page.Page;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Names the shop software or marketplace behind a product page, with a confidence in [0, 1] and
 * the evidence in words.
 *
 * <p>Signals, per platform: the host (marketplace domains, builders' hosted subdomains), text
 * patterns anywhere in the HTML, {@code <meta>} tags, script sources, CSS classes, response
 * headers and cookie names. Each signal carries a weight (how rarely it appears elsewhere); a
 * platform's confidence combines its signals as independent evidence,
 * {@code 1 - Π(1 - w)}, so more agreeing evidence always raises it, a host match plus page
 * evidence beats either alone, and nothing reaches 1. The platform with the highest confidence
 * wins if it reaches {@value #THRESHOLD}.
 *
 * <p>The rules are our own, informed by public descriptions of these platforms (see
 * {@code shared/sources.md} C1/C2); no third-party fingerprint data is copied.
 */
public final class PlatformDetector {
    /** Below this, evidence is too thin to name a platform. */
    public static final double THRESHOLD = 0.35;
    private static final double MAX_CONFIDENCE = 0.99;

    private PlatformDetector() {}

    private enum Kind { HOST, HTML, META, SCRIPT, CLASS, HEADER, COOKIE }

    private record Signal(String platform, Kind kind, String key, String value, Pattern hostPattern, double weight,
            String indicator) {
        String lowerKey() {
            return key.toLowerCase(Locale.ROOT);
        }
    }

    private static final List<Signal> SIGNALS = new ArrayList<>();
    private static final List<String> PLATFORM_ORDER = new ArrayList<>();
    private static final Map<String, String> DISPLAY = new LinkedHashMap<>();
    private static final AhoCorasick HTML_MATCHER;
    private static final List<Signal> HTML_SIGNALS = new ArrayList<>();

    /** A small builder so the rules read as a table. */
    private static final class Rules {
        private final String platform;
        private final String display;

        Rules(String platform, String display) {
            this.platform = platform;
            this.display = display;
            PLATFORM_ORDER.add(platform);
            DISPLAY.put(platform, display);
        }

        Rules hostRegex(String regex, double w, String described) {
            SIGNALS.add(new Signal(platform, Kind.HOST, null, null, Pattern.compile(regex), w, "host matches " + described));
            return this;
        }

        Rules hostSuffix(String suffix, double w) {
            String regex = "(^|\\.)" + Pattern.quote(suffix.startsWith(".") ? suffix.substring(1) : suffix) + "$";
            return hostRegex(regex, w, "*." + (suffix.startsWith(".") ? suffix.substring(1) : suffix));
        }

        Rules html(String pattern, double w) {
            SIGNALS.add(new Signal(platform, Kind.HTML, pattern, null, null, w, display + " pattern found: " + pattern));
            return this;
        }

        Rules meta(String name, String contentContains, double w) {
            String ind = contentContains == null ? "meta " + name + " found" : "meta " + name + " mentions " + contentContains;
            SIGNALS.add(new Signal(platform, Kind.META, name, contentContains, null, w, ind));
            return this;
        }

        Rules script(String srcContains, double w) {
            SIGNALS.add(new Signal(platform, Kind.SCRIPT, srcContains, null, null, w, "script loaded from " + srcContains));
            return this;
        }

        /** A class token equal to {@code token}, or starting with it when it ends with '*'. */
        Rules css(String token, double w) {
            String name = token.endsWith("*") ? token.substring(0, token.length() - 1) + "…" : token;
            SIGNALS.add(new Signal(platform, Kind.CLASS, token, null, null, w, name + " class detected"));
            return this;
        }

        Rules header(String name, String valueContains, double w) {
            String ind = valueContains == null ? name + " header present" : name + " header mentions " + valueContains;
            SIGNALS.add(new Signal(platform, Kind.HEADER, name.toLowerCase(Locale.ROOT), valueContains, null, w, ind));
            return this;
        }

        /** A cookie whose name starts with {@code prefix}. */
        Rules cookie(String prefix, double w) {
            SIGNALS.add(new Signal(platform, Kind.COOKIE, prefix, null, null, w, prefix + " cookie set"));
            return this;
        }
    }

    static {
        new Rules("amazon", "Amazon")
                .hostRegex("(^|\\.)amazon\\.(com|ca|com\\.mx|com\\.br|co\\.uk|de|fr|it|es|nl|se|pl|com\\.be|com\\.tr|ae|sa|eg|in|co\\.jp|sg|com\\.au)$",
                        0.95, "an Amazon store domain")
                .html("ssl-images-amazon.com", 0.3).html("m.media-amazon.com", 0.2).html("data-asin=", 0.3)
                .html("ue_sid", 0.3).css("a-price", 0.2).header("x-amz-rid", null, 0.5).cookie("ubid-", 0.5)
                .cookie("session-id", 0.1);
        new Rules("ebay", "eBay")
                .hostRegex("(^|\\.)ebay\\.(com|ca|co\\.uk|de|fr|it|es|nl|be|at|ch|ie|pl|com\\.au|com\\.sg|com\\.my|com\\.hk|ph)$",
                        0.95, "an eBay domain")
                .html("ebaystatic.com", 0.5).html("i.ebayimg.com", 0.3).cookie("ebay", 0.4).cookie("dp1", 0.2);
        new Rules("etsy", "Etsy")
                .hostRegex("(^|\\.)etsy\\.com$", 0.95, "etsy.com")
                .html("etsystatic.com", 0.5).html("etsy.com/listing/", 0.2).cookie("uaid", 0.2);
        new Rules("coupang", "Coupang")
                .hostRegex("(^|\\.)coupang\\.com$", 0.95, "coupang.com")
                .html("coupangcdn.com", 0.5).html("coupang.com/vp/products/", 0.3).cookie("PCID", 0.2);
        new Rules("naver_smartstore", "Naver Smart Store")
                .hostRegex("^(m\\.)?(smartstore|brand)\\.naver\\.com$", 0.95, "smartstore.naver.com")
                .html("smartstore.naver.com", 0.3).html("shop-phinf.pstatic.net", 0.4).html("brand.naver.com", 0.2);
        new Rules("shopify", "Shopify")
                .hostSuffix(".myshopify.com", 0.9)
                .html("cdn.shopify.com", 0.5).html("shopify.theme", 0.5).html("shopifyanalytics", 0.5)
                .html("shopify.routes", 0.4).html("window.shopify", 0.4).html("shopifycloud", 0.4)
                .html("shopify.money_format", 0.4).html("monorail-edge.shopifysvc.com", 0.4).html("/cdn/shop/", 0.3)
                .meta("shopify-digital-wallet", null, 0.6).meta("shopify-checkout-api-token", null, 0.6)
                .script("cdn.shopify.com", 0.5).script("/cdn/shopifycloud/", 0.5)
                .css("shopify-section", 0.4).css("shopify-section*", 0.3).css("shopify-block*", 0.3)
                .css("shopify-payment-button", 0.3)
                .header("x-shopid", null, 0.6).header("x-shopify-stage", null, 0.6).header("powered-by", "shopify", 0.7)
                .cookie("_shopify_y", 0.5).cookie("_shopify_s", 0.5).cookie("secure_customer_sig", 0.3)
                .cookie("cart_currency", 0.2);
        new Rules("woocommerce", "WooCommerce")
                .html("wp-content/plugins/woocommerce", 0.6).html("wc_add_to_cart_params", 0.5)
                .html("wc_single_product_params", 0.5).html("woocommerce_params", 0.5).html("wc-ajax", 0.3)
                .html("woocommerce-product-gallery", 0.4)
                .meta("generator", "woocommerce", 0.7)
                .script("/plugins/woocommerce/", 0.5)
                .css("woocommerce", 0.4).css("woocommerce-page", 0.3).css("woocommerce-Price-amount", 0.3)
                .cookie("woocommerce_", 0.5).cookie("wp_woocommerce_session_", 0.5);
        new Rules("magento", "Magento")
                .html("text/x-magento-init", 0.6).html("data-mage-init", 0.5).html("mage/cookies", 0.5)
                .html("mage.cookies", 0.4).html("skin/frontend/", 0.4).html("varienform", 0.4)
                .html("magento_", 0.3).html("/static/version", 0.3)
                .script("/static/version", 0.3).script("js/mage/", 0.3).script("mage/requirejs", 0.3)
                .cookie("mage-cache-storage", 0.6).cookie("mage-cache-sessid", 0.5).cookie("mage-messages", 0.5)
                .cookie("X-Magento-Vary", 0.6)
                .header("x-magento-cache-debug", null, 0.6).header("x-magento-tags", null, 0.6)
                .header("x-magento-vary", null, 0.6);
        new Rules("bigcommerce", "BigCommerce")
                .hostSuffix(".mybigcommerce.com", 0.9)
                .html("cdn11.bigcommerce.com", 0.6).html("bcdata", 0.4).html("bigcommerce_config", 0.5)
                .html("stencil-utils", 0.4)
                .meta("platform", "bigcommerce", 0.7)
                .script("bigcommerce.com", 0.5)
                .css("productView*", 0.2)
                .cookie("SHOP_SESSION_TOKEN", 0.5).cookie("SF-CSRF-TOKEN", 0.4);
        new Rules("wix", "Wix")
                .hostSuffix(".wixsite.com", 0.9)
                .html("static.parastorage.com", 0.6).html("static.wixstatic.com", 0.5).html("wix-thunderbolt", 0.4)
                .meta("generator", "wix.com", 0.8)
                .script("parastorage.com", 0.5)
                .header("x-wix-request-id", null, 0.7).header("x-wix-renderer-server", null, 0.6)
                .cookie("svSession", 0.4);
        new Rules("squarespace", "Squarespace")
                .hostSuffix(".squarespace.com", 0.9)
                .html("static1.squarespace.com", 0.6).html("assets.squarespace.com", 0.5)
                .html("squarespace_context", 0.6).html("squarespace_rollups", 0.5).html("y.squarespace", 0.4)
                .html("squarespace-cdn.com", 0.5)
                .meta("generator", "squarespace", 0.8)
                .header("server", "squarespace", 0.7)
                .cookie("ss_cvr", 0.4).cookie("ss_cvt", 0.4);
        new Rules("prestashop", "PrestaShop")
                .html("var prestashop", 0.6).html("prestashop", 0.3).html("/modules/ps_", 0.4)
                .html("/themes/classic/assets/", 0.3)
                .meta("generator", "prestashop", 0.8)
                .script("/modules/ps_", 0.4)
                .header("powered-by", "prestashop", 0.7)
                .cookie("PrestaShop-", 0.6);
        new Rules("shopware", "Shopware")
                .html("/bundles/storefront/", 0.5).html("frontend.checkout.line-item.add", 0.5)
                .html("window.saleschannelid", 0.4).html("/themes/frontend/", 0.4).html("shopware", 0.3)
                .meta("generator", "shopware", 0.8).meta("author", "shopware", 0.5)
                .header("sw-context-token", null, 0.6).header("sw-version-id", null, 0.6)
                .header("sw-invalidation-states", null, 0.6)
                .cookie("sw-states", 0.5).cookie("sw-cache-hash", 0.5).cookie("sw-context-token", 0.5);
        new Rules("salesforce_commerce_cloud", "Salesforce Commerce Cloud")
                .html("demandware.static", 0.6).html("/on/demandware.store/", 0.6).html("dwanalytics", 0.5)
                .html("demandware.net", 0.4)
                .script("demandware.static", 0.5)
                .header("server", "demandware", 0.7)
                .cookie("dwsid", 0.6).cookie("dwanonymous_", 0.5).cookie("dwac_", 0.4).cookie("dw_dnt", 0.4);
        new Rules("opencart", "OpenCart")
                .html("index.php?route=product/product", 0.5).html("catalog/view/theme/", 0.5)
                .html("route=checkout/cart", 0.4).html("catalog/view/javascript/", 0.4)
                .cookie("OCSESSID", 0.6);
        new Rules("cafe24", "Cafe24")
                .hostSuffix(".cafe24.com", 0.9).hostSuffix(".cafe24shop.com", 0.9)
                .html("ec_global_info", 0.6).html("ec_root_domain", 0.5).html("ec_global_datetime", 0.5)
                .html("echosting.cafe24.com", 0.6).html("cafe24", 0.3)
                .css("xans-*", 0.5);
        new Rules("godomall", "Godomall")
                .hostSuffix(".godomall.com", 0.9)
                .html("godomall", 0.5).html("/data/skin/front/", 0.4).html("/js/gd_", 0.3);
        new Rules("makeshop", "MakeShop")
                .hostSuffix(".makeshop.co.kr", 0.9).hostSuffix(".makeshop.jp", 0.9)
                .html("makeshop", 0.5).html("/shopimages/", 0.5).html("/shop/shopdetail.html", 0.5);
        new Rules("imweb", "imweb")
                .hostSuffix(".imweb.me", 0.9)
                .html("vendor_cdn.imweb.me", 0.6).html("cdn.imweb.me", 0.6).html("imweb", 0.4);
        new Rules("webflow", "Webflow")
                .hostSuffix(".webflow.io", 0.9)
                .html("assets.website-files.com", 0.5).html("webflow.js", 0.4)
                .meta("generator", "webflow", 0.8);

        List<String> patterns = new ArrayList<>();
        for (Signal s : SIGNALS) {
            if (s.kind == Kind.HTML) {
                HTML_SIGNALS.add(s);
                patterns.add(s.key);
            }
        }
        HTML_MATCHER = new AhoCorasick(patterns);
    }

    /** The platforms this detector knows, in rule order. */
    public static List<String> knownPlatforms() {
        return List.copyOf(PLATFORM_ORDER);
    }

    /** Parses {@code html} and detects. Prefer {@link #detect(Page, Map, List)} when a page is already parsed. */
    public static Detection detect(String html, String url, Map<String, List<String>> headers, List<String> cookies) {
        return detect(Page.parse(html, url), headers, cookies);
    }

    /**
     * @param headers response headers (any name case), may be null
     * @param cookies cookies the site set: {@code name=value}, a bare name or a whole Set-Cookie value; may be null
     */
    public static Detection detect(Page page, Map<String, List<String>> headers, List<String> cookies) {
        Map<String, List<String>> evidence = new LinkedHashMap<>();
        Map<String, Double> confidences = score(page, headers, cookies, evidence);
        String best = null;
        double bestConfidence = 0;
        for (Map.Entry<String, Double> e : confidences.entrySet()) {
            if (e.getValue() > bestConfidence + 1e-9) {
                best = e.getKey();
                bestConfidence = e.getValue();
            }
        }
        if (best == null || bestConfidence < THRESHOLD) {
            return Detection.NONE;
        }
        return new Detection(best, bestConfidence, List.copyOf(evidence.get(best)));
    }

    /** Every known platform's confidence (rounded to 3 places), in rule order; fills {@code evidence}. */
    static Map<String, Double> score(Page page, Map<String, List<String>> headers, List<String> cookies,
            Map<String, List<String>> evidence) {
        Map<String, Double> remaining = new LinkedHashMap<>(); // product of (1 - w) per platform
        for (String p : PLATFORM_ORDER) {
            remaining.put(p, 1.0);
            evidence.put(p, new ArrayList<>());
        }
        String host = hostOf(page.url());
        Map<String, List<String>> lowerHeaders = lowerCaseHeaders(headers);
        List<String> cookieNames = cookieNames(cookies);
        List<String> scripts = new ArrayList<>(page.scriptSources().size());
        for (String src : page.scriptSources()) {
            scripts.add(src.toLowerCase(Locale.ROOT));
        }

        for (Signal s : SIGNALS) {
            boolean hit = switch (s.kind) {
                case HOST -> host != null && s.hostPattern.matcher(host).find();
                case HTML -> false; // counted in one pass below
                case META -> metaMatches(page, s);
                case SCRIPT -> scripts.stream().anyMatch(src -> src.contains(s.lowerKey()));
                case CLASS -> classMatches(page, s.key);
                case HEADER -> headerMatches(lowerHeaders, s);
                case COOKIE -> cookieNames.stream().anyMatch(c -> c.regionMatches(true, 0, s.key, 0, s.key.length()));
            };
            if (hit) {
                record(remaining, evidence, s, s.indicator);
            }
        }
        int[] counts = HTML_MATCHER.count(page.html());
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                Signal s = HTML_SIGNALS.get(i);
                record(remaining, evidence, s, s.indicator + (counts[i] > 1 ? " (" + counts[i] + " times)" : ""));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        remaining.forEach((p, r) -> out.put(p, round(Math.min(MAX_CONFIDENCE, 1 - r))));
        return out;
    }

    private static void record(Map<String, Double> remaining, Map<String, List<String>> evidence, Signal s, String indicator) {
        remaining.put(s.platform, remaining.get(s.platform) * (1 - s.weight));
        evidence.get(s.platform).add(indicator);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static boolean metaMatches(Page page, Signal s) {
        for (Element m : page.metas()) {
            boolean named = s.key.equalsIgnoreCase(m.attr("name")) || s.key.equalsIgnoreCase(m.attr("property"))
                    || s.key.equalsIgnoreCase(m.attr("http-equiv")) || s.key.equalsIgnoreCase(m.attr("id"));
            if (!named) {
                continue;
            }
            if (s.value == null || m.attr("content").toLowerCase(Locale.ROOT).contains(s.value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean classMatches(Page page, String token) {
        if (!token.endsWith("*")) {
            return page.classTokens().contains(token);
        }
        String prefix = token.substring(0, token.length() - 1);
        for (String t : page.classTokens()) {
            if (t.startsWith(prefix) && t.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }

    private static boolean headerMatches(Map<String, List<String>> headers, Signal s) {
        List<String> values = headers.get(s.key);
        if (values == null) {
            // "powered-by" also covers X-Powered-By
            values = headers.get("x-" + s.key);
        }
        if (values == null) {
            return false;
        }
        return s.value == null || values.stream().anyMatch(v -> v != null && v.toLowerCase(Locale.ROOT).contains(s.value));
    }

    private static Map<String, List<String>> lowerCaseHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null) {
                    out.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v == null ? List.of() : v);
                }
            });
        }
        return out;
    }

    static List<String> cookieNames(List<String> cookies) {
        List<String> names = new ArrayList<>();
        if (cookies == null) {
            return names;
        }
        for (String c : cookies) {
            if (c == null) {
                continue;
            }
            // "a=1; b=2" (a Cookie header) or "a=1; Path=/" (Set-Cookie): take each pair's name,
            // skipping Set-Cookie attributes.
            for (String part : c.split(";")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                String name = (eq >= 0 ? p.substring(0, eq) : p).trim();
                if (!name.isEmpty() && !SET_COOKIE_ATTRIBUTES.contains(name.toLowerCase(Locale.ROOT))) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static final Set<String> SET_COOKIE_ATTRIBUTES = Set.of(
            "path", "domain", "expires", "max-age", "secure", "httponly", "samesite", "priority", "partitioned");

    static String hostOf(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String h = URI.create(url.trim()).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
