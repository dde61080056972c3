package dev.gleaner.asl;

/**
 * The definition is not a valid state machine: malformed JSON, a missing or unknown transition
 * target, a wrong field type, an unknown substitution placeholder, an unreachable state...
 */
public class InvalidDefinitionException extends RuntimeException {
    private final String stateName;
    private final String field;

    public InvalidDefinitionException(String message) {
        this(null, null, message, null);
    }

    public InvalidDefinitionException(String stateName, String field, String message) {
        this(stateName, field, message, null);
    }

    public InvalidDefinitionException(String stateName, String field, String message, Throwable cause) {
        super(Where.describe(stateName, field, message), cause);
        this.stateName = stateName;
        this.field = field;
    }

    /** The state in error, or null when the problem is at the top level. */
    public String stateName() {
        return stateName;
    }

    /** The field in error, or null. */
    public String field() {
        return field;
    }
}
