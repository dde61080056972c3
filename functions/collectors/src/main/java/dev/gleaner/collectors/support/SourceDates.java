package dev.gleaner.collectors.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.task.Timestamps;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sources' date formats. Wall-clock times without a zone are Korean time (Asia/Seoul, UTC+9,
 * no daylight saving): {@code "2025-01-15 00:30:00"} is {@code 2025-01-14T15:30:00Z}.
 */
public final class SourceDates {
    public static final ZoneId KST = Timestamps.SEOUL;

    /** Epoch values below this are seconds, not milliseconds (1e11 ms is March 1973). */
    private static final long SECONDS_THRESHOLD = 100_000_000_000L;

    private static final Pattern LOCAL = Pattern.compile(
            "(\\d{4})[-./](\\d{1,2})[-./](\\d{1,2})\\.?(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?)?");
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})(초|분|시간|일|주|개월|달|년)전");
    private static final Pattern RELATIVE_BARE = Pattern.compile("(\\d{1,6})(초|분|시간|일|주|개월|달|년)");

    private SourceDates() {}

    public static LocalDate kstDate(Instant t) {
        return t.atZone(KST).toLocalDate();
    }

    /** Epoch milliseconds (or, for implausibly small values, seconds). */
    public static Instant fromEpoch(long value) {
        if (Math.abs(value) < SECONDS_THRESHOLD) {
            return Instant.ofEpochSecond(value);
        }
        return Instant.ofEpochMilli(value);
    }

    /**
     * A timestamp: an ISO instant or offset date-time as given, or a wall-clock
     * {@code YYYY-MM-DD HH:MM[:SS]} (also with {@code T}, dots or slashes) in Korean time, or a
     * date alone (midnight KST). Null when unrecognised.
     */
    public static Instant parseDateTime(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (t.matches("-?\\d{9,16}")) {
            return fromEpoch(Long.parseLong(t));
        }
        if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*[T ]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?[+-]\\d{2}:?\\d{2}$")) {
            try {
                return OffsetDateTime.parse(t.replace(' ', 'T').replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2"),
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = LOCAL.matcher(t);
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT : LocalTime.of(Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return LocalDateTime.of(d, time).atZone(KST).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A JSON timestamp: epoch number (ms), numeric string, or any text {@link #parseDateTime} reads. */
    public static Instant parse(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return fromEpoch(n.longValue());
        }
        if (n.isNumber()) {
            return fromEpoch((long) n.doubleValue());
        }
        if (n.isTextual()) {
            return parseDateTime(n.textValue());
        }
        return null;
    }

    /**
     * Korean relative dates as the sources print them, resolved against {@code now}: "방금",
     * "방금전", "30초전", "20분전", "17시간전", "3일전", "어제", "그저께", "2주전", "3개월전"/"3달전",
     * "1년전" (spaces allowed, e.g. "20분 전"). Absolute dates ("2024.12.01", "2025-01-15 10:00") are
     * read too. Null when unrecognised.
     */
    public static Instant parseRelative(String text, Instant now) {
        if (text == null) {
            return null;
        }
        String t = text.replaceAll("\\s+", "");
        if (t.isEmpty()) {
            return null;
        }
        if (t.equals("방금") || t.equals("방금전") || t.equals("지금") || t.equals("now")) {
            return now;
        }
        ZonedDateTime z = now.atZone(KST);
        if (t.equals("어제")) {
            return z.minusDays(1).toInstant();
        }
        if (t.equals("그제") || t.equals("그저께")) {
            return z.minusDays(2).toInstant();
        }
        Matcher m = RELATIVE.matcher(t);
        if (!m.matches()) {
            // "n분" without 전 is seen on some lists; accept it, but nothing else around it
            m = RELATIVE_BARE.matcher(t);
            if (!m.matches()) {
                return parseDateTime(text);
            }
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "초" -> z.minusSeconds(n).toInstant();
            case "분" -> z.minusMinutes(n).toInstant();
            case "시간" -> z.minusHours(n).toInstant();
            case "일" -> z.minusDays(n).toInstant();
            case "주" -> z.minusWeeks(n).toInstant();
            case "개월", "달" -> z.minusMonths(n).toInstant();
            case "년" -> z.minusYears(n).toInstant();
            default -> null;
        };
    }
}
