package com.certtrack.systemtests;

import com.certtrack.infra.servers.DevDnsServer;
import com.certtrack.testsupport.QuarkusProcess;
import com.certtrack.testsupport.StandInCa;
import com.certtrack.testsupport.TestInfrastructure;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole stack, each part its own process: Kafka, PostgreSQL and SMTP from the test support, the stand-in CA
 * and every service from its packaged jar, wired as the local launcher wires them. Started once per test JVM.
 */
final class Stack {

    private static Map<String, QuarkusProcess> services;
    // Reserved up front: notification-service writes the portal's address into its e-mail links.
    private static final int GATEWAY_PORT = TestInfrastructure.freePort();
    private static final int GATEWAY_TLS_PORT = TestInfrastructure.freePort();
    private static Gateway gateway;
    // The CA's public URL (written into certificates for OCSP and CRL) must be known before the CA picks its port.
    private static final PortForwarder CA_PUBLIC = new PortForwarder();
    private static LoopbackNetwork network;
    // Without a loopback network: the launcher's development DNS zone, so ACME clients validate as on `certtrack up`.
    private static DevDnsServer devDns;
    private static final int ACME_HTTP_PORT = TestInfrastructure.freePort();

    /** The development zone: every name under it is 127.0.0.1 (as `infra/bin/certtrack dns` serves it). */
    static final String DEV_ZONE = "certtrack.test";

    private Stack() {}

    /** Where the CA looks for http-01 answers and HTTP-file tokens in the default stack (an ACME client listens). */
    static int acmeHttpPort() {
        services();
        return ACME_HTTP_PORT;
    }

    /**
     * Real domain validation on a loopback network instead of the CA's auto-approval, and a webhook endpoint the
     * tracking-service trusts. Only before the stack starts: a test JVM runs one stack (see the pom's executions).
     */
    static synchronized LoopbackNetwork loopbackNetwork() {
        if (network == null) {
            if (services != null) {
                throw new IllegalStateException("the stack already runs with auto-approved DCV; run this test in its"
                        + " own JVM (failsafe execution 'lifecycle', or -Dit.test=<this test>)");
            }
            network = new LoopbackNetwork();
        }
        return network;
    }

    static synchronized Map<String, QuarkusProcess> services() {
        if (services == null) {
            services = start();
        }
        return services;
    }

    static String url(String service) {
        return services().get(service).url();
    }

    /** nginx in front of the services (started on first use; needs Debian's nginx, see infra/bin/setup). */
    static synchronized Gateway gateway() {
        if (gateway == null) {
            Map<String, String> upstreams = new HashMap<>();
            services().forEach((name, process) -> upstreams.put(name, process.url()));
            gateway = Gateway.start(GATEWAY_PORT, GATEWAY_TLS_PORT, url("stand-in-ca"), upstreams, network);
        }
        return gateway;
    }

    private static Map<String, QuarkusProcess> start() {
        Map<String, QuarkusProcess> started = new LinkedHashMap<>();
        Map<String, String> caConfig = new HashMap<>(Map.of("certtrack.ca.dcv.auto-approve", "true"));
        caConfig.put("certtrack.ca.public-url", "http://localhost:" + CA_PUBLIC.port());
        if (network != null) {
            caConfig.putAll(network.caConfig());
        } else {
            devDns = DevDnsServer.start(
                    TestInfrastructure.freePort(),
                    DEV_ZONE,
                    Path.of("target", "dev-dns", "records").toAbsolutePath());
            caConfig.put("certtrack.ca.dcv.dns-server", "127.0.0.1:" + devDns.port());
            caConfig.put("certtrack.ca.dcv.http-port", Integer.toString(ACME_HTTP_PORT));
        }
        QuarkusProcess ca = StandInCa.start(caConfig);
        CA_PUBLIC.target(java.net.URI.create(ca.url()).getPort());
        started.put("stand-in-ca", ca);

        Map<String, String> common = new HashMap<>(TestInfrastructure.keys());
        var db = TestInfrastructure.database();
        var mail = TestInfrastructure.mail();
        common.put("kafka.bootstrap.servers", TestInfrastructure.kafka().bootstrapServers());
        common.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        common.put("quarkus.datasource.username", db.user());
        common.put("quarkus.datasource.password", db.password());
        common.put("quarkus.mailer.host", mail.host());
        common.put("quarkus.mailer.port", Integer.toString(mail.smtpPort()));
        // Joins, assignments and revocations in each service's log, to read a slow recovery after the fact.
        common.put("quarkus.log.category.\"org.apache.kafka.clients.consumer.internals\".level", "INFO");

        Map<String, String> gateway = new HashMap<>(common);
        gateway.put("quarkus.rest-client.stand-in-ca.url", ca.url());
        gateway.put("certtrack.ca-gateway.stand-in.api-key", StandInCa.API_KEY);
        gateway.put("certtrack.ca-gateway.polling.fast-interval", "500ms");

        started.put("order-service", QuarkusProcess.start("order-service", common));
        started.put("ca-gateway", QuarkusProcess.start("ca-gateway", gateway));
        Map<String, String> tracking = new HashMap<>(common);
        if (network != null) {
            tracking.putAll(network.trackingConfig());
        }
        started.put("tracking-service", QuarkusProcess.start("tracking-service", tracking));
        Map<String, String> notification = new HashMap<>(common);
        notification.put("certtrack.notification.portal-url", "http://127.0.0.1:" + GATEWAY_PORT);
        started.put("notification-service", QuarkusProcess.start("notification-service", notification));
        started.put("eab-service", QuarkusProcess.start("eab-service", common));
        return started;
    }
}
