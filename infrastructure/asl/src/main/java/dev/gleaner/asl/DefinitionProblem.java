package dev.gleaner.asl;

/**
 * Something wrong with, or not run in, a definition, at a state and field when known; the message
 * reads "State 'X', field 'Y': message". {@link InvalidDefinitionException} and
 * {@link UnsupportedFeatureException} are the two kinds.
 */
public abstract class DefinitionProblem extends RuntimeException {
    private final String stateName;
    private final String field;

    protected DefinitionProblem(String stateName, String field, String message, Throwable cause) {
        super(describe(stateName, field, message), cause);
        this.stateName = stateName;
        this.field = field;
    }

    /** The state in question, or null when the problem is at the top level. */
    public String stateName() {
        return stateName;
    }

    /** The field (or JSON path of the field) in question, or null. */
    public String field() {
        return field;
    }

    private static String describe(String stateName, String field, String message) {
        StringBuilder sb = new StringBuilder();
        if (stateName != null) {
            sb.append("State '").append(stateName).append('\'');
        }
        if (field != null) {
            sb.append(sb.length() == 0 ? "Field '" : ", field '").append(field).append('\'');
        }
        if (sb.length() > 0) {
            sb.append(": ");
        }
        return sb.append(message).toString();
    }
}
