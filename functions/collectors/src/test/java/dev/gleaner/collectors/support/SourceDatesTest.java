package dev.gleaner.collectors.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gleaner.core.task.CollectionRequest;
import dev.gleaner.core.task.Platform;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceDatesTest {
    private static final JsonNodeFactory J = JsonNodeFactory.instance;
    /** 2025-01-16 12:00 in Seoul. */
    private static final Instant NOW = Instant.parse("2025-01-16T03:00:00Z");

    @Test
    void kstWallClockIsNineHoursAheadOfUtc() {
        assertEquals(Instant.parse("2025-01-15T07:45:01Z"), SourceDates.parseDateTime("2025-01-15 16:45:01"));
        assertEquals(Instant.parse("2025-01-14T15:30:00Z"), SourceDates.parseDateTime("2025-01-15 00:30:00"));
        assertEquals(LocalDate.of(2025, 1, 15), SourceDates.kstDate(Instant.parse("2025-01-14T15:30:00Z")));
        assertEquals(LocalDate.of(2025, 1, 14), SourceDates.kstDate(Instant.parse("2025-01-14T14:59:59Z")));
    }

    @ParameterizedTest
    @CsvSource({
        "2025-01-15T16:45:01, 2025-01-15T07:45:01Z",
        "2025-01-15 16:45, 2025-01-15T07:45:00Z",
        "2025.01.15 16:45:01, 2025-01-15T07:45:01Z",
        "2025.01.15., 2025-01-14T15:00:00Z",
        "2025-01-15, 2025-01-14T15:00:00Z",
        "2025-01-15T07:45:01Z, 2025-01-15T07:45:01Z",
        "2025-01-15T07:45:01.123Z, 2025-01-15T07:45:01.123Z",
        "2025-01-15T16:45:01+09:00, 2025-01-15T07:45:01Z",
        "2025-01-15 16:45:01+0900, 2025-01-15T07:45:01Z",
        "1736927101000, 2025-01-15T07:45:01Z",
    })
    void readsTheFormatsTheSourcesUse(String text, String expected) {
        assertEquals(Instant.parse(expected), SourceDates.parseDateTime(text));
    }

    @Test
    void rejectsWhatIsNotADate() {
        assertNull(SourceDates.parseDateTime("yesterday-ish"));
        assertNull(SourceDates.parseDateTime("2025-13-45 10:00:00"));
        assertNull(SourceDates.parseDateTime(""));
        assertNull(SourceDates.parseDateTime(null));
        assertNull(SourceDates.parseRelative("조금 전에", NOW));
        assertNull(SourceDates.parseRelative("3일 후", NOW));
    }

    @Test
    void epochNumbersAreMillisecondsOrPlausibleSeconds() {
        assertEquals(Instant.parse("2025-01-15T07:45:01Z"), SourceDates.parse(J.numberNode(1736927101000L)));
        assertEquals(Instant.parse("2025-01-15T07:45:01Z"), SourceDates.parse(J.numberNode(1736927101L)));
        assertEquals(Instant.parse("2025-01-15T07:45:01Z"), SourceDates.parse(J.textNode("1736927101000")));
        assertNull(SourceDates.parse(J.booleanNode(true)));
        assertNull(SourceDates.parse(J.nullNode()));
    }

    @ParameterizedTest
    @CsvSource({
        "방금, 2025-01-16T03:00:00Z",
        "방금전, 2025-01-16T03:00:00Z",
        "방금 전, 2025-01-16T03:00:00Z",
        "30초전, 2025-01-16T02:59:30Z",
        "20분전, 2025-01-16T02:40:00Z",
        "20분 전, 2025-01-16T02:40:00Z",
        "17시간전, 2025-01-15T10:00:00Z",
        "3일전, 2025-01-13T03:00:00Z",
        "어제, 2025-01-15T03:00:00Z",
        "그저께, 2025-01-14T03:00:00Z",
        "2주전, 2025-01-02T03:00:00Z",
        "1개월전, 2024-12-16T03:00:00Z",
        "2달전, 2024-11-16T03:00:00Z",
        "1년전, 2024-01-16T03:00:00Z",
        "2024.12.01, 2024-11-30T15:00:00Z",
    })
    void relativeKoreanDatesResolveAgainstNow(String text, String expected) {
        assertEquals(Instant.parse(expected), SourceDates.parseRelative(text, NOW));
    }

    @Test
    void relativeDatesLandOnTheRightKoreanDayAcrossMidnight() {
        // 2025-01-16 00:10 KST: "20분전" is 2025-01-15 23:50 KST, still the 15th
        Instant now = Instant.parse("2025-01-15T15:10:00Z");
        Instant t = SourceDates.parseRelative("20분전", now);
        assertEquals(LocalDate.of(2025, 1, 15), SourceDates.kstDate(t));
        assertEquals(LocalDate.of(2025, 1, 16), SourceDates.kstDate(SourceDates.parseRelative("5분전", now)));
    }

    @Test
    void rangeMatchesKoreanDaysInclusive() {
        DateRange day = new DateRange(LocalDate.of(2025, 1, 15), LocalDate.of(2025, 1, 15));
        assertEquals(DateRange.Position.IN, day.position(Instant.parse("2025-01-14T15:30:00Z")));   // 00:30 KST on the 15th
        assertEquals(DateRange.Position.OLDER, day.position(Instant.parse("2025-01-14T14:59:59Z"))); // 23:59:59 KST on the 14th
        assertEquals(DateRange.Position.IN, day.position(Instant.parse("2025-01-15T14:59:59Z")));   // 23:59:59 KST on the 15th
        assertEquals(DateRange.Position.NEWER, day.position(Instant.parse("2025-01-15T15:00:00Z"))); // midnight KST on the 16th

        CollectionRequest ranged = new CollectionRequest(Platform.BABITALK, LocalDate.of(2025, 1, 10), LocalDate.of(2025, 1, 12),
                List.of(), 0, false, null, List.of(), 0, null);
        DateRange r = DateRange.of(ranged, NOW);
        assertEquals(DateRange.Position.IN, r.position(Instant.parse("2025-01-11T00:00:00Z")));
        assertEquals(DateRange.Position.NEWER, r.position(Instant.parse("2025-01-12T15:00:00Z")));

        CollectionRequest noDate = new CollectionRequest(Platform.BABITALK, null, null, List.of(), 0, false, null, List.of(), 0, null);
        assertEquals(new DateRange(LocalDate.of(2025, 1, 15), LocalDate.of(2025, 1, 15)), DateRange.of(noDate, NOW));
    }
}
