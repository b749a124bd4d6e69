package com.certtrack.tracking.checks;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses the checks may connect to. Hosts and URLs come from customers (pasted certificates, host names),
 * so without this the service could be made to probe its own network.
 */
@ApplicationScoped
public class AddressPolicy {

    private final boolean allowPrivate;

    public AddressPolicy(ChecksConfig config) {
        this.allowPrivate = config.allowPrivateAddresses();
    }

    public boolean allowed(InetAddress address) {
        return allowPrivate || isPublic(address);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local; ::ffff:a.b.c.d is judged by its IPv4 part by InetAddress already.
            return (b[0] & 0xfe) != 0xfc;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0 // "this network"
                && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                && first < 224; // multicast, reserved, broadcast
    }
}
