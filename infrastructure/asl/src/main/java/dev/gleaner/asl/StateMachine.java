package dev.gleaner.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed and validated Amazon States Language definition (JSONPath query language), ready to be
 * run by an {@link Executor}. Immutable and thread-safe.
 */
public final class StateMachine {
    /** The name used in ARNs when none is given. */
    public static final String DEFAULT_NAME = "StateMachine";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final String name;
    private final JsonNode definition;
    private final DefinitionParser.Result model;

    private StateMachine(String name, JsonNode definition, DefinitionParser.Result model) {
        this.name = name;
        this.definition = definition;
        this.model = model;
    }

    /**
     * Parses and validates a definition.
     *
     * @param definitionJson the ASL text
     * @param substitutions values for its {@code ${Name}} placeholders (SAM DefinitionSubstitutions); null = none
     * @throws InvalidDefinitionException malformed JSON, structural errors, unknown placeholders
     * @throws UnsupportedFeatureException features this executor does not run, named with state and field
     */
    public static StateMachine parse(String definitionJson, Map<String, String> substitutions) {
        Objects.requireNonNull(definitionJson, "definitionJson");
        JsonNode raw;
        try {
            raw = AslJson.DEFINITIONS.readTree(definitionJson);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException(null, null, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (raw == null || raw.isMissingNode()) {
            throw new InvalidDefinitionException("the definition is empty");
        }
        JsonNode substituted = Substitutions.apply(raw, substitutions == null ? Map.of() : Map.copyOf(substitutions));
        return new StateMachine(DEFAULT_NAME, substituted, DefinitionParser.parse(substituted));
    }

    /** The same state machine under another name (used in execution and state machine ARNs). */
    public StateMachine named(String stateMachineName) {
        if (stateMachineName == null || !NAME.matcher(stateMachineName).matches()) {
            throw new IllegalArgumentException("a state machine name has 1 to 80 letters, digits, '-' or '_'");
        }
        return new StateMachine(stateMachineName, definition, model);
    }

    public String name() {
        return name;
    }

    /** {@code arn:aws:states:local:000000000000:stateMachine:<name>} */
    public String stateMachineArn() {
        return "arn:aws:states:local:000000000000:stateMachine:" + name;
    }

    public String startAt() {
        return model.root().startAt();
    }

    /** The names of the top-level states. */
    public Set<String> stateNames() {
        return model.root().states().keySet();
    }

    /** Every Task Resource, after substitution, of every state (Map and Parallel included). */
    public Set<String> taskResources() {
        return model.resources();
    }

    /** The top-level TimeoutSeconds, if set. */
    public Optional<Long> timeoutSeconds() {
        return Optional.ofNullable(model.timeoutSeconds());
    }

    public Optional<String> comment() {
        return Optional.ofNullable(model.comment());
    }

    /** A copy of the definition after substitution. */
    public JsonNode definition() {
        return definition.deepCopy();
    }

    Model.Branch root() {
        return model.root();
    }

    Long timeout() {
        return model.timeoutSeconds();
    }

    @Override
    public String toString() {
        return "StateMachine[" + name + ", StartAt=" + startAt() + ", states=" + List.copyOf(stateNames()) + "]";
    }
}
