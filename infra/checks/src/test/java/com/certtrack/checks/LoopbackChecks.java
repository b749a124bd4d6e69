package com.certtrack.checks;

import com.certtrack.checks.outbound.CheckedResolver;
import com.certtrack.checks.outbound.DnsLookup;
import com.certtrack.checks.outbound.OutboundHttp;
import com.certtrack.support.outbound.AddressPolicy;
import com.certtrack.testsupport.LoopbackDnsServer;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;

/** A loopback DNS server and the outbound layer pointed at it, as a caller of the module builds them. */
final class LoopbackChecks implements AutoCloseable {

    final LoopbackDnsServer dns;
    final DnsLookup lookup;
    final Vertx vertx = Vertx.vertx();

    LoopbackChecks() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        dns = new LoopbackDnsServer(port);
        lookup = new DnsLookup("127.0.0.1:" + port, Duration.ofSeconds(2));
    }

    OutboundHttp http(boolean allowPrivate) {
        return new OutboundHttp(
                vertx,
                new CheckedResolver(lookup, new AddressPolicy(allowPrivate)),
                new OutboundHttp.Settings(
                        Duration.ofSeconds(2), Duration.ofSeconds(4), 10_000, "test", null, 4, false));
    }

    @Override
    public void close() {
        dns.close();
        vertx.close();
    }
}
