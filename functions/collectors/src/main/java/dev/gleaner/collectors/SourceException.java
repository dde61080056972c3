package dev.gleaner.collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.metrics.SourceErrorKind;
import java.util.Locale;

/**
 * A source refused, failed or answered in a shape we do not understand. The message is plain and
 * starts with the source name; it never contains a secret. {@link #field()} names the response
 * (or request) field concerned when there is one.
 */
public class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    private final SourceErrorKind kind;
    private final String source;
    private final String field;

    /**
     * @param kind what went wrong, as an operator acts on it (the {@code SourceErrors} metric's {@code Kind})
     */
    public SourceException(SourceErrorKind kind, String source, String field, String message) {
        super(source + ": " + message);
        this.kind = kind;
        this.source = source;
        this.field = field;
    }

    /** A source error of no more precise kind ({@link SourceErrorKind#SOURCE_ERROR}). */
    public SourceException(String source, String field, String message) {
        this(SourceErrorKind.SOURCE_ERROR, source, field, message);
    }

    public SourceErrorKind kind() {
        return kind;
    }

    public String source() {
        return source;
    }

    /** The field concerned (a dotted response path such as {@code pagination.has_next}), or null. */
    public String field() {
        return field;
    }

    /** True for transient failures the workflow should retry with back-off. */
    public boolean retryable() {
        return false;
    }

    public static SourceException missingField(String source, String field) {
        return new SourceException(SourceErrorKind.SHAPE_CHANGE, source, field, "response field '" + field + "' missing (the API shape changed)");
    }

    public static SourceException wrongType(String source, String field, String expected, JsonNode actual) {
        return new SourceException(SourceErrorKind.SHAPE_CHANGE, source, field, "response field '" + field + "' is "
                + describe(actual)
                + ", expected " + expected + " (the API shape changed)");
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
