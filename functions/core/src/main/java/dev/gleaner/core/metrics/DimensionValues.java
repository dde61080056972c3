package dev.gleaner.core.metrics;

/** CloudWatch dimension values are printable ASCII, 1 to 1,024 characters; ours stay short. */
final class DimensionValues {
    static final int MAX = 100;
    static final String OTHER = "other";

    private DimensionValues() {}

    static String clean(String value) {
        if (value == null || value.isBlank() || value.length() > MAX) {
            return value == null || value.isBlank() ? "unknown" : OTHER;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return OTHER;
            }
        }
        return value;
    }
}
