package dev.gleaner.core.scrape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.http.JsonFields;
import dev.gleaner.core.http.KnownFields;
import dev.gleaner.core.net.PublicUrl;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates a {@code POST /scrape} body against the contract; an unknown field is a 400 naming it. */
public final class ScrapeRequestParser {
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_USER_AGENT_LENGTH = 512;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    /** ISO 639-1 codes: a two-letter value outside this set is refused rather than sent on. */
    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    /** The body fields a scrape accepts. */
    public static final List<String> FIELDS = List.of("url", "force_refresh", "proxy", "user_agent", "block_images",
            "target_language");

    public record Parsed(ScrapeRequest request, String proxy) {
        @Override
        public String toString() {
            return "Parsed[request=" + request + ", proxy=" + (proxy == null ? "none" : "***") + "]";
        }
    }

    private ScrapeRequestParser() {}

    public static Parsed parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainError.invalid("body", "the request body must be a JSON object with a \"url\"");
        }
        KnownFields.check(body, FIELDS, "a scrape", Map.of());
        JsonNode urlNode = body.get("url");
        if (urlNode == null || urlNode.isNull() || (urlNode.isTextual() && urlNode.asText().isBlank())) {
            throw DomainError.invalid("url", "url is required");
        }
        if (!urlNode.isTextual()) {
            throw DomainError.invalid("url", "url must be a string");
        }
        String url = urlNode.asText().trim();
        if (url.length() > MAX_URL_LENGTH) {
            throw DomainError.invalid("url", "url must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri = PublicUrl.check(url, "url");
        boolean force = JsonFields.bool(body, "force_refresh", false);
        boolean blockImages = JsonFields.bool(body, "block_images", true);
        String userAgent = JsonFields.string(body, "user_agent", MAX_USER_AGENT_LENGTH);
        if (userAgent != null && userAgent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw DomainError.invalid("user_agent", "user_agent must not contain control characters");
        }
        String language = JsonFields.string(body, "target_language", 16);
        if (language != null) {
            language = language.toLowerCase(Locale.ROOT);
            if (!LANGUAGE.matcher(language).matches() || !ISO_639_1.contains(language)) {
                throw DomainError.invalid("target_language", "target_language must be an ISO 639-1 code such as \"en\" or \"ko\"");
            }
        }
        String proxy = JsonFields.string(body, "proxy", MAX_URL_LENGTH);
        if (proxy != null) {
            checkProxy(proxy);
        }
        return new Parsed(new ScrapeRequest(url, UrlNormalizer.normalize(uri), force, userAgent, blockImages, language), proxy);
    }

    /** http(s)://[user:pass@]host:port, the host under the same address policy; the value is never echoed. */
    private static void checkProxy(String proxy) {
        URI uri;
        try {
            uri = new URI(proxy);
        } catch (Exception e) {
            throw DomainError.invalid("proxy", "proxy must look like http(s)://[user:pass@]host:port");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getPort() <= 0
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw DomainError.invalid("proxy", "proxy must look like http(s)://[user:pass@]host:port");
        }
        if (scheme.equals("https")) {
            // TLS to the proxy itself is not supported by the fetcher; sending credentials in clear is worse.
            throw DomainError.invalid("proxy", "https:// proxies are not supported; use an http:// proxy (the page itself may be https)");
        }
        try {
            PublicUrl.check(scheme + "://" + (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                    ? "[" + uri.getHost() + "]" : uri.getHost()) + ":" + uri.getPort() + "/", "proxy");
        } catch (DomainError.InvalidField e) {
            throw DomainError.invalid("proxy", "proxy host is a refused address");
        }
    }


}
