package dev.gleaner.safehttp;

import dev.gleaner.core.net.AddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.Dns;

/**
 * Resolves with a delegate and keeps only the addresses the policy allows. OkHttp connects only
 * to what this returns, so a name cannot be re-resolved to a private address between the check
 * and the connection (DNS rebinding).
 */
public record FilteringDns(Dns delegate, AddressPolicy policy) implements Dns {
    public FilteringDns {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        AddressPolicy.Verdict nameVerdict = policy.verdictForHost(hostname);
        if (!nameVerdict.allowed()) {
            throw new RefusedAddressException(hostname, nameVerdict.reason());
        }
        List<InetAddress> all = delegate.lookup(hostname);
        List<InetAddress> allowed = new ArrayList<>(all.size());
        String firstReason = null;
        for (InetAddress address : all) {
            AddressPolicy.Verdict v = policy.verdictForAddress(address);
            if (v.allowed()) {
                allowed.add(address);
            } else if (firstReason == null) {
                firstReason = v.reason();
            }
        }
        if (allowed.isEmpty()) {
            if (firstReason == null) {
                throw new UnknownHostException("no address for " + hostname);
            }
            throw new RefusedAddressException(hostname, firstReason);
        }
        return allowed;
    }
}
