package dev.gleaner.core.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.errors.DomainError;
import dev.gleaner.core.http.JsonFields;
import dev.gleaner.core.http.KnownFields;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.net.PublicUrl;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a start body against the contract and applies its defaults. Every rejection names its
 * field; a field the platform does not know is one (with the closest known name, so a misspelt
 * {@code target_data} never silently collects yesterday).
 */
public final class CollectionRequestParser {
    public static final int MAX_LIMIT = 10_000;
    public static final int MAX_RANGE_DAYS = 31;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,20}");
    private static final int MAX_SECRET_LENGTH = 16_384;

    public record Parsed(CollectionRequest request, Secrets secrets) {}

    private static final List<String> BABITALK_FIELDS = List.of("target_date", "end_date", "categories", "limit",
            "callback_url");
    private static final List<String> GANGNAMUNNI_FIELDS = List.of("target_date", "end_date", "categories", "limit",
            "save_as_reviews", "token", "callback_url");
    private static final List<String> NAVER_FIELDS = List.of("cafe_id", "target_date", "end_date", "menu_id", "per_page",
            "limit", "naver_cookies", "callback_url");

    /** The body fields a platform's start accepts. */
    public static List<String> fields(Platform platform) {
        return switch (platform) {
            case BABITALK -> BABITALK_FIELDS;
            case GANGNAMUNNI -> GANGNAMUNNI_FIELDS;
            case NAVER -> NAVER_FIELDS;
        };
    }

    /** Fields of the other platforms, with the platforms they belong to, for a clearer 400. */
    private static Map<String, String> elsewhere(Platform platform) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Platform p : Platform.values()) {
            if (p == platform) {
                continue;
            }
            for (String f : fields(p)) {
                if (!fields(platform).contains(f)) {
                    m.merge(f, "a " + p.id() + " start", (a, b) -> a + " or " + b);
                }
            }
        }
        return m;
    }

    private CollectionRequestParser() {}

    /**
     * @param body the parsed JSON body (must be an object)
     * @param today today's date in Asia/Seoul, for the {@code target_date} default
     */
    public static Parsed parse(Platform platform, JsonNode body, LocalDate today) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            body = Json.object();
        }
        if (!body.isObject()) {
            throw DomainError.invalid("body", "the request body must be a JSON object");
        }
        KnownFields.check(body, fields(platform), "a " + platform.id() + " start", elsewhere(platform));
        LocalDate target = date(body, "target_date");
        if (target == null) {
            target = today.minusDays(1);
        }
        if (target.isAfter(today)) {
            throw DomainError.invalid("target_date", "target_date must not be in the future (Asia/Seoul)");
        }
        LocalDate end = date(body, "end_date");
        if (end != null) {
            if (end.isBefore(target)) {
                throw DomainError.invalid("end_date", "end_date must not be before target_date");
            }
            if (ChronoUnit.DAYS.between(target, end) > MAX_RANGE_DAYS) {
                throw DomainError.invalid("end_date", "end_date must be at most " + MAX_RANGE_DAYS + " days after target_date");
            }
        }
        int limit = integer(body, "limit", 0, 0, MAX_LIMIT);
        String callbackUrl = JsonFields.string(body, "callback_url", 2048);
        if (callbackUrl != null) {
            PublicUrl.check(callbackUrl, "callback_url");
        }

        return switch (platform) {
            case BABITALK -> new Parsed(new CollectionRequest(platform, target, end,
                    categories(platform, body), limit, false, null, List.of(), 0, callbackUrl), Secrets.NONE);
            case GANGNAMUNNI -> new Parsed(new CollectionRequest(platform, target, end,
                    categories(platform, body), limit, JsonFields.bool(body, "save_as_reviews", false), null, List.of(), 0, callbackUrl),
                    new Secrets(null, secret(body, "token")));
            case NAVER -> {
                String cafeId = digits(body, "cafe_id", true);
                List<String> menus = menuIds(body);
                int perPage = integer(body, "per_page", 20, 1, 50);
                yield new Parsed(new CollectionRequest(platform, target, end, List.of(), limit, false, cafeId, menus,
                        perPage, callbackUrl), new Secrets(secret(body, "naver_cookies"), null));
            }
        };
    }

    /**
     * The optional body of a resume: only the platform's secret (fresh Naver cookies or a Gangnam
     * Unni token: a finished task's secrets were deleted), anything else a 400 naming the field.
     */
    public static Secrets resumeSecrets(Platform platform, JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return Secrets.NONE;
        }
        if (!body.isObject()) {
            throw DomainError.invalid("body", "the request body must be a JSON object");
        }
        List<String> known = switch (platform) {
            case NAVER -> List.of("naver_cookies");
            case GANGNAMUNNI -> List.of("token");
            case BABITALK -> List.of();
        };
        KnownFields.check(body, known, "a resume of a " + platform.id() + " collection", Map.of());
        return switch (platform) {
            case NAVER -> new Secrets(secret(body, "naver_cookies"), null);
            case GANGNAMUNNI -> new Secrets(null, secret(body, "token"));
            case BABITALK -> Secrets.NONE;
        };
    }

    private static LocalDate date(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw DomainError.invalid(field, field + " must be a date written YYYY-MM-DD");
        }
        return parseDate(v.asText(), field);
    }

    /**
     * A calendar date written YYYY-MM-DD (four-digit year, no sign), as every date the API takes
     * (bodies and queries alike); anything else is a 400 naming {@code field}.
     */
    public static LocalDate parseDate(String text, String field) {
        if (text == null || !DATE.matcher(text).matches()) {
            throw DomainError.invalid(field, field + " must be a date written YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw DomainError.invalid(field, field + " is not a real calendar date: " + text);
        }
    }

    private static int integer(JsonNode body, String field, int dflt, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() && !(v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0)) {
            throw DomainError.invalid(field, field + " must be a whole number");
        }
        if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw DomainError.invalid(field, field + " must be between " + min + " and " + max);
        }
        return (int) v.asLong();
    }



    /** Secrets: validated like strings, but the message never quotes the value. */
    private static String secret(JsonNode body, String field) {
        return JsonFields.string(body, field, MAX_SECRET_LENGTH);
    }

    private static String digits(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw DomainError.invalid(field, field + " is required");
            }
            return null;
        }
        String s = v.isIntegralNumber() ? v.asText() : v.isTextual() ? v.asText().trim() : null;
        if (s == null || !DIGITS.matcher(s).matches()) {
            throw DomainError.invalid(field, field + " must be digits, such as \"10912875\"");
        }
        return s;
    }

    private static List<String> menuIds(JsonNode body) {
        JsonNode v = body.get("menu_id");
        if (v == null || v.isNull()) {
            return List.of();
        }
        String s;
        if (v.isIntegralNumber()) {
            s = v.asText();
        } else if (v.isTextual()) {
            s = v.asText().trim();
        } else {
            throw DomainError.invalid("menu_id", "menu_id must be \"\" or a comma list of board ids such as \"38,39,40\"");
        }
        if (s.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (!DIGITS.matcher(p).matches()) {
                throw DomainError.invalid("menu_id", "menu_id must be \"\" or a comma list of board ids such as \"38,39,40\"");
            }
            ids.add(p);
        }
        return new ArrayList<>(ids);
    }

    private static List<String> categories(Platform platform, JsonNode body) {
        JsonNode v = body.get("categories");
        if (v == null || v.isNull()) {
            return platform.categories();
        }
        if (!v.isArray()) {
            throw DomainError.invalid("categories", "categories must be a list, a subset of " + platform.categories());
        }
        if (v.isEmpty()) {
            throw DomainError.invalid("categories", "categories must name at least one of " + platform.categories());
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (JsonNode c : v) {
            if (!c.isTextual() || !platform.categories().contains(c.asText())) {
                throw DomainError.invalid("categories", "unknown category " + c + "; choose from " + platform.categories());
            }
            chosen.add(c.asText());
        }
        return new ArrayList<>(chosen);
    }
}
