package dev.gleaner.collectors.support;

import dev.gleaner.collectors.SourceException;
import dev.gleaner.core.metrics.SourceErrorKind;

/** Checks a secret before it goes into a header, without ever echoing it. */
public final class HeaderValues {
    private HeaderValues() {}

    /** Null/blank become null; otherwise the trimmed value, which must be visible ASCII (spaces and tabs allowed). */
    public static String check(String source, String field, String value) throws SourceException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if ((ch < 0x20 && ch != '\t') || ch > 0x7E) {
                throw new SourceException(SourceErrorKind.BAD_REQUEST, source, field, field + " contains characters an HTTP header cannot carry"
                        + " (line breaks, control or non-ASCII characters); copy it again from the browser");
            }
        }
        return v;
    }
}
