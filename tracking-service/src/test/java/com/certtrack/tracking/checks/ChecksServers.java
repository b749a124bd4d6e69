package com.certtrack.tracking.checks;

import com.certtrack.testsupport.LoopbackDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.ConfigProvider;

/** The loopback DNS and web servers on the ports {@link ChecksTestResource} configured, started once. */
final class ChecksServers {

    private static LoopbackDnsServer dns;
    private static DcvWebServer web;

    private ChecksServers() {}

    static synchronized LoopbackDnsServer dns() {
        if (dns == null) {
            String server = ConfigProvider.getConfig().getValue("certtrack.tracking.checks.dns-server", String.class);
            try {
                dns = new LoopbackDnsServer(Integer.parseInt(server.substring(server.lastIndexOf(':') + 1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dns;
    }

    static synchronized DcvWebServer web() {
        if (web == null) {
            try {
                web = new DcvWebServer(
                        ConfigProvider.getConfig().getValue("certtrack.tracking.checks.http-port", Integer.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return web;
    }
}
