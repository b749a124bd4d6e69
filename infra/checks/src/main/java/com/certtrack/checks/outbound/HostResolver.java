package com.certtrack.checks.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/** How a host name becomes addresses: {@link DnsLookup} in the service, a table in tests. */
@FunctionalInterface
public interface HostResolver {

    /** Every address of {@code host} (an IP literal is its own); empty when it has none. */
    List<InetAddress> addresses(String host) throws IOException;
}
