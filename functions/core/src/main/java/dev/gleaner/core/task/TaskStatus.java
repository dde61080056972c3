package dev.gleaner.core.task;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Task statuses and the one table of legal transitions. Stores enforce the same rule with
 * condition expressions built from {@link #predecessorsOf(TaskStatus)}.
 */
public enum TaskStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static Optional<TaskStatus> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (TaskStatus s : values()) {
            if (s.wire().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The statuses from which a task may move to {@code target}. */
    public static Set<TaskStatus> predecessorsOf(TaskStatus target) {
        return switch (target) {
            case PENDING -> EnumSet.noneOf(TaskStatus.class);
            case RUNNING -> EnumSet.of(PENDING);
            case COMPLETED -> EnumSet.of(RUNNING);
            case FAILED, CANCELLED -> EnumSet.of(PENDING, RUNNING);
        };
    }

    public boolean canMoveTo(TaskStatus target) {
        return predecessorsOf(target).contains(this);
    }
}
