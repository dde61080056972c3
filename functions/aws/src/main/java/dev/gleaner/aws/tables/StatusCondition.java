package dev.gleaner.aws.tables;

import dev.gleaner.core.task.TaskStatus;
import dev.gleaner.core.task.Transition;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link Transition} as DynamoDB sees it: the condition "the status is one the transition starts
 * from" and the new status, with their placeholder names and values. Every store builds its
 * status writes from this, so the table in {@link Transition} is the only rule there is.
 */
public final class StatusCondition {
    /** The placeholder for the {@code status} attribute (a reserved word). */
    public static final String NAME = "#st";
    /** The placeholder for the status after the transition. */
    public static final String TO = ":to_status";

    private StatusCondition() {}

    /** {@code #st IN (:from_pending, :from_running)} */
    public static String expression(Transition t) {
        return NAME + " IN (" + t.from().stream().map(StatusCondition::placeholder).collect(Collectors.joining(", ")) + ")";
    }

    /** {@code SET #st = :to_status} */
    public static String set() {
        return NAME + " = " + TO;
    }

    /** The values of {@link #expression} and {@link #set}. */
    public static Map<String, AttributeValue> values(Transition t) {
        Map<String, AttributeValue> v = new HashMap<>();
        t.from().forEach(st -> v.put(placeholder(st), Attributes.s(st.wire())));
        v.put(TO, Attributes.s(t.to().wire()));
        return v;
    }

    public static Map<String, String> names() {
        return Map.of(NAME, "status");
    }

    private static String placeholder(TaskStatus status) {
        return ":from_" + status.wire();
    }
}
