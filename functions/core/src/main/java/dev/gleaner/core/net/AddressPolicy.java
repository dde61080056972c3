package dev.gleaner.core.net;

/**
 * Which hosts and addresses Gleaner may connect to. PLACEHOLDER until the full policy lands:
 * refuses only the obvious loopback names.
 */
public final class AddressPolicy {
    public record Verdict(boolean allowed, String reason) {}

    private AddressPolicy() {}

    public static Verdict checkHost(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]")) {
            return new Verdict(false, "loopback");
        }
        return new Verdict(true, null);
    }
}
