package com.certtrack.cagateway;

import com.certtrack.testsupport.LoopbackDnsServer;
import com.certtrack.testsupport.QuarkusProcess;
import com.certtrack.testsupport.StandInCa;
import com.certtrack.testsupport.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A stand-in CA process that really validates domains (no auto-approval), resolving DNS through a loopback DNS
 * server of the test JVM, on its own schema so the auto-approving CA of the other tests never touches its orders.
 */
public class ValidatingCaResource implements QuarkusTestResourceLifecycleManager {

    private static final String SCHEMA = "stand_in_ca_validating";
    private static QuarkusProcess ca;
    private static LoopbackDnsServer dns;
    private static int dnsPort;

    @Override
    public synchronized Map<String, String> start() {
        if (ca == null) {
            dnsPort = TestInfrastructure.freePort();
            ca = StandInCa.start(Map.of(
                    "certtrack.ca.dcv.dns-server",
                    "127.0.0.1:" + dnsPort,
                    "certtrack.ca.dcv.check-interval",
                    "1s",
                    "certtrack.ca.dcv.max-check-interval",
                    "2s",
                    "certtrack.ca.dcv.timeout",
                    "2s",
                    "quarkus.flyway.schemas",
                    SCHEMA,
                    "quarkus.hibernate-orm.database.default-schema",
                    SCHEMA,
                    "quarkus.datasource.jdbc.additional-jdbc-properties.currentSchema",
                    SCHEMA));
        }
        return Map.of(
                "quarkus.rest-client.stand-in-ca.url",
                ca.url(),
                "certtrack.ca-gateway.stand-in.api-key",
                StandInCa.API_KEY,
                "certtrack.test.validating-ca.dns-port",
                Integer.toString(dnsPort));
    }

    /** The loopback DNS server the CA resolves through, started on the test's side (its class loader). */
    static synchronized LoopbackDnsServer dns() {
        if (dns == null) {
            try {
                dns = new LoopbackDnsServer(
                        ConfigProvider.getConfig().getValue("certtrack.test.validating-ca.dns-port", Integer.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dns;
    }

    static String url() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.stand-in-ca.url", String.class);
    }

    @Override
    public void stop() {
        // one CA for the test JVM; it ends with it
    }
}
