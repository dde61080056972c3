package dev.gleaner.asl;

/** Builds "State 'X', field 'Y': message" prefixes for definition errors. */
final class Where {
    private Where() {}

    static String describe(String stateName, String field, String message) {
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
