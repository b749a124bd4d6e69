package com.certtrack.ca.support;

import com.certtrack.testsupport.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared PostgreSQL and SMTP/IMAP servers of the test JVM (the CA needs no Kafka), plus two free loopback
 * ports for the DNS and web servers that the tests publish DCV records on (see {@link DcvServers}).
 */
public class StandInCaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        var database = TestInfrastructure.database();
        var mail = TestInfrastructure.mail();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.host", mail.host());
        config.put("quarkus.mailer.port", Integer.toString(mail.smtpPort()));
        config.put("certtrack.test.imap-port", Integer.toString(mail.imapPort()));
        config.put("certtrack.test.imap-host", mail.host());
        config.put("certtrack.ca.dcv.dns-server", "127.0.0.1:" + TestInfrastructure.freePort());
        config.put("certtrack.ca.dcv.http-port", Integer.toString(TestInfrastructure.freePort()));
        config.put("certtrack.ca.dcv.timeout", "2s");
        config.put("certtrack.ca.fetch.deadline", "3s");
        config.put("certtrack.ca.dcv.check-interval", "1s");
        config.put("certtrack.ca.dcv.max-check-interval", "2s");
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every test class of the JVM and stop with it.
    }
}
