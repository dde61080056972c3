package dev.gleaner.core.task;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Task statuses. Which changes are legal is {@link Transition}'s one table; stores enforce it with
 * condition expressions built from it.
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

}
