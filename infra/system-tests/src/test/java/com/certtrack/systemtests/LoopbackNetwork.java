package com.certtrack.systemtests;

import com.certtrack.testsupport.LoopbackDnsServer;
import com.certtrack.testsupport.LoopbackWebServer;
import com.certtrack.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The customer's side of the internet on loopback: a DNS server and a web server that the stand-in CA validates
 * domains against (no auto-approval) and the tracking-service's checks look at, and an HTTPS webhook endpoint the
 * tracking-service delivers to. A test publishes records here as a customer would in their DNS zone.
 */
final class LoopbackNetwork implements AutoCloseable {

    final LoopbackDnsServer dns;
    final LoopbackWebServer web;
    final WebhookReceiver webhooks;
    private final int dnsPort;
    private final int webPort;

    LoopbackNetwork() {
        try {
            dnsPort = TestInfrastructure.freePort();
            webPort = TestInfrastructure.freePort();
            dns = new LoopbackDnsServer(dnsPort);
            web = new LoopbackWebServer(webPort);
            webhooks = new WebhookReceiver(Path.of("target", "webhooks").toAbsolutePath());
            // The CA's public URL (OCSP, CRL in every certificate) is on localhost: the checks resolve it here too.
            dns.a("localhost", "127.0.0.1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stand-in CA checks DCV for real, through this DNS server and on this web server's port. */
    Map<String, String> caConfig() {
        return Map.of(
                "certtrack.ca.dcv.auto-approve",
                "false",
                "certtrack.ca.dcv.dns-server",
                "127.0.0.1:" + dnsPort,
                "certtrack.ca.dcv.http-port",
                Integer.toString(webPort));
    }

    /** The tracking-service's pre-flight and installation checks resolve here; webhooks may go to loopback. */
    Map<String, String> trackingConfig() {
        return Map.of(
                "certtrack.tracking.checks.dns-server",
                "127.0.0.1:" + dnsPort,
                "certtrack.tracking.checks.http-port",
                Integer.toString(webPort),
                "certtrack.tracking.outbound.allow-private-addresses",
                "true",
                "certtrack.tracking.webhooks.trust-bundle",
                webhooks.trustBundle().toString());
    }

    @Override
    public void close() {
        dns.close();
        web.close();
        webhooks.close();
    }
}
