package dev.gleaner.asl;

/**
 * The definition uses something this executor does not run (JSONata, service integrations,
 * Distributed Map, heartbeats, an unknown field...). Refused at parse time rather than guessed.
 */
public class UnsupportedFeatureException extends RuntimeException {
    private final String stateName;
    private final String field;

    public UnsupportedFeatureException(String message) {
        this(null, null, message);
    }

    /**
     * @param stateName the state that uses the feature, or null at the top level
     * @param field the field (or JSON path of the field) that carries it, or null
     */
    public UnsupportedFeatureException(String stateName, String field, String message) {
        super(Where.describe(stateName, field, message));
        this.stateName = stateName;
        this.field = field;
    }

    /** The state that uses the feature, or null when it is at the top level. */
    public String stateName() {
        return stateName;
    }

    /** The field that carries the feature, or null. */
    public String field() {
        return field;
    }
}
