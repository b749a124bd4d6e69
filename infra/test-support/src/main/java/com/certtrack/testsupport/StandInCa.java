package com.certtrack.testsupport;

import java.util.HashMap;
import java.util.Map;

/** The stand-in CA as a process for tests of the modules that talk to it, on the test JVM's database and SMTP. */
public final class StandInCa {

    public static final String API_KEY = "test-ca-gateway-key";
    public static final String OPERATOR_KEY = "test-operator-key";

    private StandInCa() {}

    /** @param extra further configuration, e.g. {@code certtrack.ca.dcv.auto-approve=true} */
    public static QuarkusProcess start(Map<String, String> extra) {
        var database = TestInfrastructure.database();
        var mail = TestInfrastructure.mail();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        config.put("quarkus.mailer.host", mail.host());
        config.put("quarkus.mailer.port", Integer.toString(mail.smtpPort()));
        config.put("certtrack.ca.key-encryption-key", "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=");
        config.put("certtrack.ca.operator-key", OPERATOR_KEY);
        config.put("certtrack.ca.api-keys.ca-gateway", API_KEY);
        // Tests name domains under reserved TLDs (RFC 2606/6761), which the issuance policy refuses unless listed;
        // CAA is off unless a test brings a DNS server that answers for its names (extra may turn it on).
        config.put("certtrack.ca.policy.internal-name-suffixes", "test,example,invalid,localhost");
        config.put("certtrack.ca.policy.caa-check", "false");
        // Tests serve DCV files from loopback, and every test client is 127.0.0.1.
        config.put("certtrack.ca.fetch.allow-private-targets", "true");
        for (String limit : new String[] {
            "new-accounts-per-ip",
            "new-orders-per-account",
            "failed-validations-per-account-host",
            "operator-calls-per-ip"
        }) {
            config.put("certtrack.ca.limits." + limit + ".capacity", "100000");
        }
        config.putAll(extra);
        return QuarkusProcess.start("infra/stand-in-ca", config);
    }
}
