package com.certtrack.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a Quarkus test at the real Kafka broker, PostgreSQL and SMTP server of this test JVM. Use with
 * {@code @QuarkusTestResource(value = CertTrackTestResource.class, restrictToAnnotatedClass = false)}.
 */
public class CertTrackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        var kafka = TestInfrastructure.kafka();
        var database = TestInfrastructure.database();
        var mail = TestInfrastructure.mail();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.host", mail.host());
        config.put("quarkus.mailer.port", Integer.toString(mail.smtpPort()));
        config.put("certtrack.test.imap-port", Integer.toString(mail.imapPort()));
        config.putAll(TestInfrastructure.keys());
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every test class of the JVM and stop with it.
    }
}
