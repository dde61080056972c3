package dev.gleaner.core.task;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The wire format of every timestamp: ISO-8601, UTC, whole seconds, a trailing Z. */
public final class Timestamps {
    public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** A task log line, {@code [HH:MM:SS] message} (UTC, like every other timestamp). */
    public static String logLine(Instant at, String message) {
        return "[" + LOG_TIME.format(at) + "] " + message;
    }
}
