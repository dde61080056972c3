package dev.gleaner.scraper.extract;

import dev.gleaner.scraper.page.Page;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * The product gallery: the photos a page offers in full size, which structured data often
 * shortens to one ({@code og:image}, a single JSON-LD {@code image}). Read from the attributes
 * galleries keep full-size URLs in ({@code data-zoom-image}, {@code data-large_image}...), links
 * to image files that wrap a thumbnail, a few platforms' gallery classes, and the gallery JSON of
 * Magento ({@code mage/gallery/gallery}, Hyvä's {@code initialImages}) and Amazon
 * ({@code colorImages}).
 *
 * <p>The same photo in several sizes counts once: {@link #key} drops size markers from file
 * names ({@code _1024x}, {@code -600x600}, {@code ._AC_SL1500_}...).
 */
final class GalleryImages {
    static final String SOURCE = "gallery";
    private static final int MAX = 40;
    private static final Pattern FULL = Pattern.compile("\"full\"\\s*:\\s*\"([^\"]{8,600})\"");
    private static final Pattern HIRES = Pattern.compile("\"hiRes\"\\s*:\\s*\"(https?:[^\"]{8,600})\"");
    private static final Pattern LARGE = Pattern.compile("\"large\"\\s*:\\s*\"(https?:[^\"]{8,600})\"");
    private static final Pattern AMAZON_MODIFIERS = Pattern.compile("\\._[^./]*_(?=\\.[a-z0-9]+$|$)");
    private static final Pattern SIZE_TOKEN = Pattern.compile(
            "(?:[_-](?:\\d{2,4}x\\d{0,4}|x\\d{2,4}|\\{width\\}x\\d*|\\d{2,4}w|pico|icon|thumb|small|compact|medium|large|grande|master)"
                    + "(?:@\\dx)?)+$");
    private static final Pattern ETSY_SIZE = Pattern.compile("^il_(?:fullxfull|\\d+x[n\\d]+)\\.");
    private static final Pattern PRESTASHOP_DIR = Pattern.compile("^(\\d+)-[a-z_]+_default$");
    private static final Pattern SIZE_DIR = Pattern.compile("^(?:\\d{2,4}x\\d{2,4}|[whq]_\\d+.*|\\d{2,4}w|cache|thumbnail|thumbs?|"
            + "small|medium|large|big|extra|original)$");

    private GalleryImages() {}

    /** Gallery photos, absolute and one per photo, in page order. */
    static List<String> find(Page page, String platform) {
        List<String> raw = new ArrayList<>();
        for (Element el : page.galleryElements()) {
            if (raw.size() >= MAX * 2) {
                break;
            }
            String tag = el.normalName();
            if (tag.equals("a")) {
                if (!el.getElementsByTag("img").isEmpty()) {
                    raw.add(el.attr("href"));
                }
                String zoom = galleryAttribute(el);
                if (zoom != null) {
                    raw.add(zoom);
                }
                continue;
            }
            String fromAttribute = galleryAttribute(el);
            if (fromAttribute != null) {
                raw.add(fromAttribute);
            } else if (tag.equals("img")) {
                raw.add(imgSource(el));
            } else {
                for (Element img : el.getElementsByTag("img")) {
                    raw.add(imgSource(img));
                }
            }
        }
        if ("magento".equals(platform) || "amazon".equals(platform)) {
            scripts(page, platform, raw);
        }
        return distinct(Urls.absoluteUnique(page.url(), raw));
    }

    /** The larger of the two sets (one entry per photo), {@code current} on a tie. */
    static List<String> choose(List<String> current, List<String> gallery) {
        List<String> c = distinct(current);
        return gallery.size() > c.size() ? gallery : c;
    }

    private static String galleryAttribute(Element el) {
        for (String a : Page.GALLERY_ATTRIBUTES) {
            String v = el.attr(a);
            if (!v.isBlank() && !v.startsWith("{")) {
                return v;
            }
        }
        return null;
    }

    private static String imgSource(Element img) {
        for (String a : new String[] {"data-src", "data-image", "data-original", "src"}) {
            String v = img.attr(a);
            if (!v.isBlank() && !v.startsWith("data:")) {
                return v;
            }
        }
        return null;
    }

    private static void scripts(Page page, String platform, List<String> raw) {
        for (Element script : page.inlineScripts()) {
            String js = script.data();
            Pattern p;
            if ("magento".equals(platform) && (js.contains("mage/gallery/gallery") || js.contains("initialImages"))) {
                p = FULL;
            } else if ("amazon".equals(platform) && js.contains("colorImages")) {
                p = js.contains("\"hiRes\":\"http") ? HIRES : LARGE;
            } else {
                continue;
            }
            Matcher m = p.matcher(js);
            while (m.find() && raw.size() < MAX * 2) {
                raw.add(m.group(1).replace("\\/", "/").replace("\\u0026", "&"));
            }
            if (!raw.isEmpty()) {
                return;
            }
        }
    }

    /** One URL per photo (the first seen), at most {@value #MAX}. */
    static List<String> distinct(List<String> urls) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String u : urls) {
            if (byKey.size() >= MAX) {
                break;
            }
            byKey.putIfAbsent(key(u), u);
        }
        return List.copyOf(byKey.values());
    }

    /**
     * What stays the same across a photo's sizes: its folders without size or cache folders
     * ({@code 1280x1280/}, {@code cache/0f83…/}, PrestaShop's {@code 118-large_default/} becomes
     * {@code 118/}) and its file name without size markers or extension. The host is left out (a
     * shop serves the same file from its own domain and from its CDN).
     */
    static String key(String url) {
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            path = rawPath(url); // "{width}" and other template leftovers are not valid in a URI
        }
        if (path == null || path.isEmpty()) {
            return url;
        }
        String[] segments = path.toLowerCase(Locale.ROOT).split("/");
        String file = segments[segments.length - 1];
        file = AMAZON_MODIFIERS.matcher(file).replaceAll("");
        file = ETSY_SIZE.matcher(file).replaceFirst("il_.");
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        stem = SIZE_TOKEN.matcher(stem).replaceFirst("");
        StringBuilder key = new StringBuilder();
        boolean afterCache = false;
        for (int i = 0; i < segments.length - 1; i++) {
            String seg = segments[i];
            if (seg.isEmpty()) {
                continue;
            }
            if (afterCache && HASH.matcher(seg).matches()) {
                afterCache = false;
                continue;
            }
            afterCache = seg.equals("cache");
            Matcher ps = PRESTASHOP_DIR.matcher(seg);
            if (ps.matches()) {
                key.append(ps.group(1)).append('/');
            } else if (!SIZE_DIR.matcher(seg).matches()) {
                key.append(seg).append('/');
            }
        }
        return key.append(stem).toString();
    }

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{6,40}");

    private static String rawPath(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
        if (start < 0) {
            return "";
        }
        int end = url.length();
        for (char c : new char[] {'?', '#'}) {
            int i = url.indexOf(c, start);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return url.substring(start, end);
    }
}
