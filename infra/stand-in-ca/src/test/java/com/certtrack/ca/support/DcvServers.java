package com.certtrack.ca.support;

import com.certtrack.testsupport.LoopbackDnsServer;
import com.certtrack.testsupport.LoopbackWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The loopback DNS and web servers of this test JVM, on the ports {@link StandInCaTestResource} put into the CA's
 * configuration. Started from the test's side so the tests and the servers share one class loader.
 */
public final class DcvServers {

    private static LoopbackDnsServer dns;
    private static LoopbackWebServer web;

    private DcvServers() {}

    public static synchronized LoopbackDnsServer dns() {
        if (dns == null) {
            String server = ConfigProvider.getConfig().getValue("certtrack.ca.dcv.dns-server", String.class);
            try {
                dns = new LoopbackDnsServer(Integer.parseInt(server.substring(server.lastIndexOf(':') + 1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dns;
    }

    /**
     * Stops the loopback web server so that another program (an ACME client's own http-01 server) can take the
     * CA's HTTP check port; the next {@link #web()} starts it again.
     */
    public static synchronized int releaseWebPort() {
        if (web != null) {
            web.close();
            web = null;
        }
        return ConfigProvider.getConfig().getValue("certtrack.ca.dcv.http-port", Integer.class);
    }

    public static synchronized LoopbackWebServer web() {
        if (web == null) {
            try {
                web = new LoopbackWebServer(
                        ConfigProvider.getConfig().getValue("certtrack.ca.dcv.http-port", Integer.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return web;
    }
}
