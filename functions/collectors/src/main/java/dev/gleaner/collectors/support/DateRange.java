package dev.gleaner.collectors.support;

import dev.gleaner.core.task.CollectionRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** The requested days, inclusive, matched in Korean time. */
public record DateRange(LocalDate from, LocalDate to) {
    public enum Position { NEWER, IN, OLDER }

    public DateRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("end date before target date");
        }
    }

    /** target_date..end_date (end defaults to target; target defaults to yesterday in Seoul). */
    public static DateRange of(CollectionRequest request, Instant now) {
        LocalDate from = request.targetDate();
        if (from == null) {
            from = SourceDates.kstDate(now).minusDays(1);
        }
        LocalDate to = request.endDate() == null || request.endDate().isBefore(from) ? from : request.endDate();
        return new DateRange(from, to);
    }

    public Position position(Instant t) {
        LocalDate d = SourceDates.kstDate(t);
        if (d.isAfter(to)) {
            return Position.NEWER;
        }
        if (d.isBefore(from)) {
            return Position.OLDER;
        }
        return Position.IN;
    }

    public boolean contains(Instant t) {
        return position(t) == Position.IN;
    }

    @Override
    public String toString() {
        return from.equals(to) ? from.toString() : from + ".." + to;
    }
}
