package com.certtrack.tracking.outbound;

import com.certtrack.support.outbound.AddressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Resolves a host once and checks every address it has against the {@link AddressPolicy}: one refused address
 * refuses the host (a name with a public and a private address could otherwise be steered to the private one).
 * The address returned is the one to connect to; nobody resolves the name again (no rebinding window).
 */
public final class CheckedResolver {

    private final HostResolver resolver;
    private final AddressPolicy policy;

    public CheckedResolver(HostResolver resolver, AddressPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    /** The address to connect to for {@code host}, every address of which the policy allows. */
    public InetAddress resolve(String host) throws OutboundHttp.Failure {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        try {
            addresses = resolver.addresses(name);
        } catch (IOException e) {
            boolean timeout = e.getMessage() != null
                    && e.getMessage().toLowerCase(Locale.ROOT).contains("timed out");
            throw new OutboundHttp.Failure(
                    timeout ? OutboundHttp.Kind.TIMEOUT : OutboundHttp.Kind.NO_ADDRESS,
                    "DNS lookup of " + name + " failed: " + e.getMessage());
        }
        if (addresses.isEmpty()) {
            throw new OutboundHttp.Failure(OutboundHttp.Kind.NO_ADDRESS, name + " has no A or AAAA record.");
        }
        for (InetAddress address : addresses) {
            if (!policy.allowed(address)) {
                throw new OutboundHttp.Failure(OutboundHttp.Kind.PRIVATE_ADDRESS, AddressPolicy.refusal(name, address));
            }
        }
        return addresses.get(0);
    }
}
