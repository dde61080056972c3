package dev.gleaner.asl;

/**
 * The definition uses something this executor does not run (JSONata, service integrations,
 * Distributed Map, heartbeats, an unknown field...). Refused at parse time rather than guessed.
 */
public class UnsupportedFeatureException extends DefinitionProblem {
    public UnsupportedFeatureException(String message) {
        this(null, null, message);
    }

    /**
     * @param stateName the state that uses the feature, or null at the top level
     * @param field the field (or JSON path of the field) that carries it, or null
     */
    public UnsupportedFeatureException(String stateName, String field, String message) {
        super(stateName, field, message, null);
    }
}
