package dev.gleaner.asl;

/**
 * The definition is not a valid state machine: malformed JSON, a missing or unknown transition
 * target, a wrong field type, an unknown substitution placeholder, an unreachable state...
 */
public class InvalidDefinitionException extends DefinitionProblem {
    public InvalidDefinitionException(String message) {
        this(null, null, message, null);
    }

    public InvalidDefinitionException(String stateName, String field, String message) {
        this(stateName, field, message, null);
    }

    public InvalidDefinitionException(String stateName, String field, String message, Throwable cause) {
        super(stateName, field, message, cause);
    }
}
