package com.certtrack.notification;

import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestInfrastructure;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared Kafka and PostgreSQL, but the mailer points at a port where no SMTP server listens yet: the test
 * starts its own GreenMail there when it wants the outage to end. Short backoffs keep the test quick.
 */
public class ClosedSmtpTestResource extends CertTrackTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.mailer.port", Integer.toString(TestInfrastructure.freePort()));
        config.put("certtrack.notification.delivery.initial-backoff", "300ms");
        config.put("certtrack.notification.delivery.max-backoff", "1s");
        config.put("certtrack.notification.delivery.max-attempts", "1000");
        config.put("certtrack.notification.delivery.send-timeout", "5s");
        return config;
    }
}
