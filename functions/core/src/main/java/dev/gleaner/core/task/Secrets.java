package dev.gleaner.core.task;

/**
 * Credentials a collection needs at run time. Kept in the task store in attributes the API never
 * returns, never logged, never put into a workflow input, and deleted when the task ends.
 * {@link #toString()} is redacted so a stray log call cannot leak them.
 */
public record Secrets(String naverCookies, String gangnamunniToken) {
    public static final Secrets NONE = new Secrets(null, null);

    public boolean isEmpty() {
        return naverCookies == null && gangnamunniToken == null;
    }

    @Override
    public String toString() {
        return "Secrets[naverCookies=" + (naverCookies == null ? "absent" : "***")
                + ", gangnamunniToken=" + (gangnamunniToken == null ? "absent" : "***") + "]";
    }
}
