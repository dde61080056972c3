package dev.gleaner.safehttp;

import java.net.UnknownHostException;

/**
 * Thrown by {@link FilteringDns} when a name is refused by the address policy, or resolves only
 * to refused addresses. An {@link UnknownHostException} so OkHttp treats it as "no route".
 */
public class RefusedAddressException extends UnknownHostException {
    private final String reason;

    public RefusedAddressException(String host, String reason) {
        super("refused address: " + reason + " (" + host + ")");
        this.reason = reason;
    }

    /** The policy's reason, e.g. {@code loopback}. */
    public String reason() {
        return reason;
    }
}
